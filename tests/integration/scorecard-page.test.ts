import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';
import {
	measurements,
	organisations,
	cooperationFields,
	scorecards
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const anonymous = { kind: 'anonymous' } as const;

describe('scorecard page', () => {
	let handle: DatabaseHandle;
	const sent: string[] = [];
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'demo' });
	});
	afterAll(() => handle.close());

	it('shows perspectives in order with objectives, KPIs, latest value and status', async () => {
		const page = await loadScorecardPage(
			handle.db,
			anonymous,
			'koeln',
			'service-center-d115',
			'de'
		);
		expect(page?.header.organisation.name).toBe('Köln');
		expect(page!.perspectives.map((p) => p.name)).toEqual([
			'Auftragserfüllung / Wirkung',
			'Bürger / Kunden',
			'Finanzen',
			'Prozesse',
			'Mitarbeitende'
		]);
		const kpis = page!.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
		const serviceLevel = kpis.find((k) => k.code === 'D115-SL30')!;
		expect(serviceLevel.series).toHaveLength(12);
		expect(serviceLevel.latest?.value).toEqual(expect.any(Number));
		expect(['green', 'yellow', 'red']).toContain(serviceLevel.status);
		expect(serviceLevel.latest?.bands?.greenMin).toBe(75);
	});

	it('never shows an anonymous visitor a draft or submitted value', async () => {
		// A city whose newest quarter is not released yet: its page must stop at the quarter before.
		const [pending] = await handle.db
			.select({
				city: organisations.slug,
				field: cooperationFields.slug,
				year: measurements.year,
				quarter: measurements.quarter,
				kpiId: measurements.kpiId,
				value: measurements.value
			})
			.from(measurements)
			.innerJoin(organisations, eq(organisations.id, measurements.organisationId))
			.innerJoin(scorecards, eq(scorecards.organisationId, organisations.id))
			.innerJoin(cooperationFields, eq(cooperationFields.id, scorecards.fieldId))
			.where(
				and(
					ne(measurements.state, 'released'),
					eq(measurements.year, 2026),
					eq(measurements.quarter, 3)
				)
			)
			.limit(1);
		expect(pending).toBeDefined();
		const page = await loadScorecardPage(handle.db, anonymous, pending!.city, pending!.field, 'de');
		const points = page!.perspectives.flatMap((p) =>
			p.objectives.flatMap((o) =>
				o.kpis.flatMap((k) => (k.kpiId === pending!.kpiId ? k.series : []))
			)
		);
		const q3 = points.find((p) => p.year === 2026 && p.quarter === 3);
		expect(q3?.value ?? null).toBeNull();
		expect(points.every((p) => p.state === null || p.state === 'released')).toBe(true);
	});

	it('marks the definition break of the versioned KPI in 2025 Q1', async () => {
		const page = await loadScorecardPage(
			handle.db,
			anonymous,
			'dortmund',
			'personal-management',
			'de'
		);
		const kpi = page!.perspectives
			.flatMap((p) => p.objectives.flatMap((o) => o.kpis))
			.find((k) => k.code === 'PERS-KRANK')!;
		const breaks = kpi.series
			.filter((p) => p.definitionBreak)
			.map((p) => `${p.year}-Q${p.quarter}`);
		expect(breaks).toEqual(['2025-Q1']);
	});

	it('needs three SQL round trips, however many KPIs the scorecard has', async () => {
		sent.length = 0;
		await loadScorecardPage(handle.db, anonymous, 'essen', 'beihilfe', 'de');
		expect(sent).toHaveLength(3);
		sent.length = 0;
		await loadScorecardPage(handle.db, anonymous, 'essen', 'einkauf-vergabe-beschaffung', 'en');
		expect(sent).toHaveLength(3);
	});

	it('answers unknown cities and fields with nothing rather than an error', async () => {
		expect(await loadScorecardPage(handle.db, anonymous, 'atlantis', 'beihilfe', 'de')).toBeNull();
		expect(await loadScorecardPage(handle.db, anonymous, 'koeln', 'unknown', 'de')).toBeNull();
	});
});
