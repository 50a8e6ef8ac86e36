import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createCity, createScorecard, createValues } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

const anonymous = { kind: 'anonymous' } as const;

/** Twelve released quarters, 2023-Q3 … 2026-Q2, the last one at 80. */
const twelveQuarters = Object.fromEntries(
	Array.from({ length: 12 }, (_, i) => {
		const n = 2023 * 4 + 2 + i;
		return [`${Math.floor(n / 4)}-Q${(n % 4) + 1}`, 69 + i];
	})
);

describe('scorecard page', () => {
	let handle: DatabaseHandle;
	const sent: string[] = [];
	let city: string;
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'reference' });
		const db = handle.db;
		const teststadt = await createCity(db, { name: 'Teststadt' });
		city = teststadt.slug;
		const d115 = await createScorecard(db, {
			organisationId: teststadt.id,
			field: 'service-center-d115',
			kpis: [
				{ code: 'D115-SL30', perspective: 'customers' },
				{ code: 'D115-WARTEZEIT', perspective: 'processes' }
			]
		});
		await createValues(db, {
			organisationId: teststadt.id,
			kpiId: d115.kpiIds.get('D115-SL30')!,
			values: twelveQuarters
		});
		// The newest quarter entered but not released yet.
		await createValues(db, {
			organisationId: teststadt.id,
			kpiId: d115.kpiIds.get('D115-WARTEZEIT')!,
			values: { '2026-Q2': 31 }
		});
		await createValues(db, {
			organisationId: teststadt.id,
			kpiId: d115.kpiIds.get('D115-WARTEZEIT')!,
			values: { '2026-Q3': 29 },
			state: 'submitted'
		});
		const staff = await createScorecard(db, {
			organisationId: teststadt.id,
			field: 'personal-management',
			kpis: [{ code: 'PERS-KRANK', perspective: 'staff' }]
		});
		await createValues(db, {
			organisationId: teststadt.id,
			kpiId: staff.kpiIds.get('PERS-KRANK')!,
			values: { '2024-Q3': 6.1, '2024-Q4': 6.4, '2025-Q1': 5.9, '2025-Q2': 5.7 }
		});
	});
	afterAll(() => handle.close());

	it('shows perspectives in order with objectives, KPIs, latest value and status', async () => {
		const page = await loadScorecardPage(handle.db, anonymous, city, 'service-center-d115', 'de');
		expect(page?.header.organisation.name).toBe('Teststadt');
		expect(page!.perspectives.map((p) => p.name)).toEqual([
			'Auftragserfüllung / Wirkung',
			'Bürger / Kunden',
			'Finanzen',
			'Prozesse',
			'Mitarbeitende'
		]);
		const kpis = page!.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
		expect(kpis.map((k) => k.code)).toEqual(['D115-SL30', 'D115-WARTEZEIT']);
		const serviceLevel = kpis.find((k) => k.code === 'D115-SL30')!;
		expect(serviceLevel.series).toHaveLength(12);
		expect(serviceLevel.latest?.value).toBe(80);
		// No city target: the field's common target (at least 75 % green) applies.
		expect(serviceLevel.latest?.bands?.greenMin).toBe(75);
		expect(serviceLevel.status).toBe('green');
	});

	it('never shows an anonymous visitor a draft or submitted value', async () => {
		// The newest quarter is not released yet: the page must stop at the quarter before.
		const page = await loadScorecardPage(handle.db, anonymous, city, 'service-center-d115', 'de');
		const points = page!.perspectives.flatMap((p) =>
			p.objectives.flatMap((o) =>
				o.kpis.flatMap((k) => (k.code === 'D115-WARTEZEIT' ? k.series : []))
			)
		);
		const q3 = points.find((p) => p.year === 2026 && p.quarter === 3);
		expect(q3?.value ?? null).toBeNull();
		expect(points.find((p) => p.year === 2026 && p.quarter === 2)?.value).toBe(31);
		expect(points.every((p) => p.state === null || p.state === 'released')).toBe(true);
	});

	it('marks the definition break of the versioned KPI in 2025 Q1', async () => {
		const page = await loadScorecardPage(handle.db, anonymous, city, 'personal-management', 'de');
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
		await loadScorecardPage(handle.db, anonymous, city, 'service-center-d115', 'de');
		expect(sent).toHaveLength(3);
		sent.length = 0;
		await loadScorecardPage(handle.db, anonymous, city, 'personal-management', 'en');
		expect(sent).toHaveLength(3);
	});

	it('answers unknown cities and fields with nothing rather than an error', async () => {
		expect(await loadScorecardPage(handle.db, anonymous, 'atlantis', 'beihilfe', 'de')).toBeNull();
		expect(await loadScorecardPage(handle.db, anonymous, city, 'unknown', 'de')).toBeNull();
	});
});
