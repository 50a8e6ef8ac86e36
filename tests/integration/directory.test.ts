import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	findCityBySlug,
	isDemoInstallation,
	listCities,
	listFields
} from '../../src/lib/server/directory/queries';
import {
	findFieldBySlug,
	listCatalogue,
	listParticipants
} from '../../src/lib/server/directory/field-queries';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';
import { createScorecard } from '../helpers/factories';

describe('directory', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
	});
	afterAll(() => handle.close());

	it('lists the 13 cities with their latest population, not the association', async () => {
		const cities = await listCities(handle.db);
		expect(cities).toHaveLength(13);
		expect(cities.map((c) => c.slug)).not.toContain('deutscher-staedtetag');
		const koeln = cities.find((c) => c.slug === 'koeln')!;
		expect(koeln.population).toMatchObject({ inhabitants: 1_017_355, referenceDate: '2022-05-15' });
		// Zensus 2022 from the official directory replaced the estimates (decision 0029).
		expect(cities.find((c) => c.slug === 'aachen')!.population?.isEstimate).toBe(false);
		expect((await findCityBySlug(handle.db, 'muenster'))?.population?.referenceDate).toBe(
			'2022-05-15'
		);
		expect(await findCityBySlug(handle.db, 'deutscher-staedtetag')).toBeNull();
	});

	it('lists ten fields with their published leads', async () => {
		const fields = await listFields(handle.db);
		expect(fields).toHaveLength(10);
		const leads = Object.fromEntries(fields.map((f) => [f.slug, f.lead?.name ?? null]));
		expect(leads['geschaeftsprozessoptimierung']).toBe('Hamm');
		expect(leads['einkauf-vergabe-beschaffung']).toBe('Deutscher Städtetag');
		expect(leads['elektronische-antragsverfahren']).toBe('Münster');
		expect(leads['beihilfe']).toBeNull();
		// Counted by hand in the catalogue (src/lib/server/db/seed/catalogue.ts).
		expect(Object.fromEntries(fields.map((f) => [f.slug, f.sharedKpis]))).toEqual({
			'geodaten-management': 5,
			'personal-management': 5,
			beihilfe: 6,
			'service-center-d115': 6,
			'finanz-management': 5,
			archivierung: 5,
			'kfz-zulassungswesen': 5,
			geschaeftsprozessoptimierung: 5,
			'einkauf-vergabe-beschaffung': 6,
			'elektronische-antragsverfahren': 5
		});
	});

	it('shows each catalogue KPI once, with its newest definition', async () => {
		const field = await findFieldBySlug(handle.db, 'personal-management');
		const catalogue = await listCatalogue(handle.db, field!.id);
		const codes = catalogue.map((k) => k.code);
		expect(new Set(codes).size).toBe(codes.length);
		const krank = catalogue.find((k) => k.code === 'PERS-KRANK')!;
		expect([krank.validFromYear, krank.validFromQuarter]).toEqual([2025, 1]);
		expect(codes.sort()).toEqual([
			'PERS-ABRECH-KOST',
			'PERS-AUSB',
			'PERS-BESETZ-DAUER',
			'PERS-EBEW',
			'PERS-KRANK'
		]);
	});

	it('lists the 13 member cities of a field, marking the one with a scorecard', async () => {
		const field = await findFieldBySlug(handle.db, 'personal-management');
		const [hamm] = await listCities(handle.db).then((c) => c.filter((x) => x.slug === 'hamm'));
		await createScorecard(handle.db, {
			organisationId: hamm!.id,
			field: 'personal-management',
			kpis: [{ code: 'PERS-KRANK' }]
		});
		const participants = await listParticipants(handle.db, field!.id);
		expect(participants).toHaveLength(13);
		expect(participants.filter((p) => p.hasScorecard).map((p) => p.slug)).toEqual(['hamm']);
	});

	it('knows whether the installation holds demo data', async () => {
		expect(await isDemoInstallation(handle.db)).toBe(false);
		// Stays on the demo on purpose: what is proven is that seeding the demo marks the
		// installation, so the demo seed itself has to run (on PostgreSQL a copy of the run's
		// template), in a second database of its own.
		const demo = await createTestDatabase({ seed: 'demo' });
		try {
			expect(await isDemoInstallation(demo.db)).toBe(true);
		} finally {
			await demo.close();
		}
		// Run alone, the file builds the run's demo template here (CI builds it before the first
		// file): 13 s on an idle machine, over 30 s on a loaded one.
	}, 120_000);
});
