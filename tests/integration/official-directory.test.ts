import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	kreise,
	municipalities,
	municipalityPopulations,
	organisations,
	populations
} from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { listCities } from '../../src/lib/server/directory/queries';
import { ensureDirectory } from '../../src/lib/server/directory/seed';
import { createTestDatabase } from '../helpers/test-database';

/** Published figures (Zensus 2022, 15 May 2022), written here, not read from the seeded file. */
const OFFICIAL = {
	koeln: { ags: '05315000', inhabitants: 1_017_355 },
	duesseldorf: { ags: '05111000', inhabitants: 611_258 },
	dortmund: { ags: '05913000', inhabitants: 598_246 },
	bonn: { ags: '05314000', inhabitants: 321_544 },
	ahaus: { ags: '05554004', inhabitants: 39_443 }
};

describe('official directory (reference seed)', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
		await seedDatabase(handle.db, { demo: false });
	});
	afterAll(() => handle.close());

	it('holds all 396 NRW municipalities and the 53 Kreise: 30 Kreise, the Städteregion, 22 kreisfreie Städte', async () => {
		const { db } = handle;
		expect(await db.$count(municipalities)).toBe(396);
		expect(await db.$count(kreise)).toBe(53);
		expect(await db.$count(kreise, eq(kreise.kind, 'kreis'))).toBe(30);
		expect(await db.$count(kreise, eq(kreise.kind, 'staedteregion'))).toBe(1);
		expect(await db.$count(kreise, eq(kreise.kind, 'kreisfreie_stadt'))).toBe(22);
		expect(await db.$count(municipalityPopulations)).toBe(396);
	});

	it('knows Köln, Bonn and Ahaus by AGS with their Zensus 2022 inhabitants', async () => {
		for (const { ags, inhabitants } of [OFFICIAL.koeln, OFFICIAL.bonn, OFFICIAL.ahaus]) {
			const [row] = await handle.db
				.select({
					inhabitants: municipalityPopulations.inhabitants,
					date: municipalityPopulations.referenceDate
				})
				.from(municipalityPopulations)
				.where(eq(municipalityPopulations.ags, ags));
			expect(row).toEqual({ inhabitants, date: '2022-05-15' });
		}
		const [koeln] = await handle.db
			.select()
			.from(municipalities)
			.where(eq(municipalities.ags, '05315000'));
		expect(koeln).toMatchObject({ name: 'Köln', kreisAgs5: '05315', regierungsbezirk: 'Köln' });
	});

	it('gives the 13 founding cities official Zensus 2022 figures, no estimates left', async () => {
		const cities = await listCities(handle.db);
		expect(cities).toHaveLength(13);
		for (const city of cities) {
			expect(city.population, city.slug).toMatchObject({
				referenceDate: '2022-05-15',
				isEstimate: false
			});
			expect(city.population?.source, city.slug).toMatch(/Zensus 2022/);
		}
		const bySlug = new Map(cities.map((c) => [c.slug, c]));
		for (const slug of ['koeln', 'duesseldorf', 'dortmund'] as const) {
			expect(bySlug.get(slug)).toMatchObject({
				ags: OFFICIAL[slug].ags,
				population: { inhabitants: OFFICIAL[slug].inhabitants }
			});
		}
		// One figure per city: the 2011-based estimates and Aachen's rough value are gone.
		expect(await handle.db.$count(populations)).toBe(13);
	});

	it('adds no member: the other 383 appear nowhere but in the directory', async () => {
		expect(await handle.db.$count(organisations)).toBe(14);
	});

	it('is idempotent: a second seed changes no count and keeps a corrected figure', async () => {
		await handle.db
			.update(municipalityPopulations)
			.set({ inhabitants: 1_017_979 })
			.where(eq(municipalityPopulations.ags, '05315000'));
		await seedDatabase(handle.db, { demo: false });
		expect(await handle.db.$count(municipalities)).toBe(396);
		expect(await handle.db.$count(municipalityPopulations)).toBe(396);
		const koeln = (await listCities(handle.db)).find((c) => c.slug === 'koeln');
		expect(koeln?.population?.inhabitants).toBe(1_017_979);
		expect(await handle.db.$count(populations)).toBe(13);
	});
});

describe('an existing database seeded before the directory', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
	});
	afterAll(() => handle.close());

	it('gets the directory at start and the founding cities lose their old estimates', async () => {
		const { db } = handle;
		const [muenster] = await db
			.insert(organisations)
			.values({ slug: 'muenster', name: 'Münster', kind: 'city', ags: '05515000' })
			.returning({ id: organisations.id });
		await db.insert(populations).values({
			organisationId: muenster!.id,
			referenceDate: '2021-12-31',
			inhabitants: 317_713,
			source: 'Bevölkerungsfortschreibung auf Basis Zensus 2011 (IT.NRW)'
		});
		// What the app's start does on a database migrated before the directory existed.
		expect(await ensureDirectory(db)).toBe(true);
		expect(await db.$count(municipalities)).toBe(396);
		expect(await ensureDirectory(db)).toBe(false);
		const rows = await db
			.select()
			.from(populations)
			.where(eq(populations.organisationId, muenster!.id));
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ referenceDate: '2022-05-15', isEstimate: false });
		expect(rows[0]!.inhabitants).not.toBe(317_713);
	});
});
