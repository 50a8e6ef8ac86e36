import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadHeatmapDefinitions } from '../../src/lib/server/compare/ring-statistics';
import { percentileInc } from '../../src/lib/domain/statistics/distribution';
import { yearlyValue } from '../../src/lib/domain/scoring/yearly';
import { parsePeriod } from '../../src/lib/domain/compare/period';
import { createTestDatabase } from '../helpers/test-database';
import {
	createSharedKpiWithVersions,
	fieldBySlug,
	organisationIdsBySlug,
	viewerWithRole
} from '../helpers/factories';

/**
 * The heatmap's column median is computed in the database (percentile_cont) over the figures
 * that count; the page computes every other statistic with PERCENTILE.INC in
 * domain/statistics/distribution.ts. Both must give the same number, to the last bit.
 */
describe("the heatmap's median in SQL", () => {
	let handle: DatabaseHandle;
	let ids: Map<string, number>;
	let fieldId: number;
	let koeln: Viewer;
	const observer = viewerWithRole(1, 'observer');

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		ids = await organisationIdsBySlug(db);
		fieldId = (await fieldBySlug(db, 'service-center-d115')).id;
		koeln = viewerWithRole(2, 'city_leadership', ids.get('koeln')!);
		// Four KPIs of the field, each defined from 2020; STAT-T gets a new definition from 2027.
		await createSharedKpiWithVersions(db, fieldId, 'STAT-T', [
			{ fromYear: 2020, name: 'STAT-T' },
			{ fromYear: 2027, name: 'STAT-T neu' }
		]);
		for (const [code, aggregation] of [
			['STAT-S', 'sum'],
			['STAT-L', 'last'],
			['STAT-F', 'mean']
		] as const)
			await createSharedKpiWithVersions(db, fieldId, code, [
				{ fromYear: 2020, name: code, aggregation }
			]);
		const value = async (
			city: string,
			code: string,
			quarter: number,
			v: string,
			state: 'draft' | 'submitted' | 'released' = 'released',
			version: 'first' | 'second' = 'first'
		) =>
			db.execute(sql`insert into measurements (organisation_id, kpi_id, kpi_version_id, year,
					quarter, value, state, released_at)
				select ${ids.get(city)!}, k.id, v.id, 2026, ${quarter}, ${v}, ${state},
					case when ${state} = 'released' then now() end
				from kpis k join kpi_versions v on v.kpi_id = k.id
					and v.valid_from_year = ${version === 'first' ? 2020 : 2027}
				where k.code = ${code}`);
		// STAT-T (mean)
		for (const [q, v] of [10, 20, 30, 40].entries()) await value('essen', 'STAT-T', q + 1, `${v}`);
		await value('dortmund', 'STAT-T', 1, '50');
		await value('dortmund', 'STAT-T', 2, '1', 'draft');
		await value('dortmund', 'STAT-T', 3, '40');
		await value('bochum', 'STAT-T', 3, '25');
		await value('koeln', 'STAT-T', 1, '60');
		await value('koeln', 'STAT-T', 3, '10', 'draft');
		await value('duesseldorf', 'STAT-T', 3, '30', 'released', 'second');
		await value('wuppertal', 'STAT-T', 3, '5', 'submitted');
		// STAT-S (sum): only a year with all four quarters has a figure.
		for (const [q, v] of ['1', '2', '3', '4'].entries()) await value('essen', 'STAT-S', q + 1, v);
		for (const q of [1, 2, 3]) await value('dortmund', 'STAT-S', q, '100');
		for (const q of [1, 2, 3, 4]) await value('bochum', 'STAT-S', q, '5');
		// STAT-L (last): the latest quarter with a value.
		await value('essen', 'STAT-L', 1, '7');
		await value('essen', 'STAT-L', 2, '9');
		await value('dortmund', 'STAT-L', 4, '3');
		await value('bochum', 'STAT-L', 1, '4');
		await value('bochum', 'STAT-L', 3, '8');
		// STAT-F: a mean with binary noise, 0.1, 0.2 and 0.3.
		for (const [q, v] of ['0.1', '0.2', '0.3'].entries()) await value('hagen', 'STAT-F', q + 1, v);
	});
	afterAll(() => handle.close());

	it('interpolates as PERCENTILE.INC does, to the last bit', async () => {
		const cases: [string[], number][] = [
			[['70'], 70],
			[['55', '45', '50'], 50],
			[['4', '1', '3', '2'], 2.5],
			[['0.1', '0.2'], 0.1 + 0.5 * (0.2 - 0.1)],
			[['1000000.000001', '2.2', '3.333333', '1.1'], 2.2 + 0.5 * (3.333333 - 2.2)],
			[['-5', '5'], 0],
			[['0.7', '0.1', '0.3', '1.9', '0.4', '12.000001'], 0.4 + 0.5 * (0.7 - 0.4)]
		];
		for (const [values, expected] of cases) {
			const [row] = await handle.db
				.select({ median: sql<number>`percentile_cont(0.5) within group (order by v::float8)` })
				.from(sql`unnest(${`{${values.join(',')}}`}::numeric(24, 6)[]) v`);
			const ascending = values.map(Number).sort((a, b) => a - b);
			expect(Number(row!.median), values.join(' ')).toBe(expected);
			expect(percentileInc(ascending, 0.5), values.join(' ')).toBe(expected);
		}
	});

	const columns = async (viewer: Viewer, period: string, members: number[] | null = null) => {
		const rows = await loadHeatmapDefinitions(
			handle.db,
			viewer,
			fieldId,
			parsePeriod(period)!,
			members
		);
		return Object.fromEntries(
			rows
				.filter((r) => r.code.startsWith('STAT-'))
				.map((r) => [`${r.code} ${r.validFromYear}`, [r.median, r.statisticsCount]])
		);
	};

	it('counts released values under one definition only, whoever looks', async () => {
		// Q3: Essen 30, Dortmund 40, Bochum 25 count; Köln's draft, Wuppertal's submission and
		// Düsseldorf's value under the 2027 definition do not: median of 25, 30, 40.
		const quarter = {
			'STAT-T 2020': [30, 3],
			'STAT-T 2027': [30, 1],
			'STAT-S 2020': [5, 3],
			'STAT-L 2020': [8, 1],
			'STAT-F 2020': [0.3, 1]
		};
		expect(await columns(observer, '2026-Q3')).toEqual(quarter);
		expect(await columns(koeln, '2026-Q3')).toEqual(quarter);
		// A peer group of Essen and Dortmund: (30 + 40) / 2.
		const group = [ids.get('essen')!, ids.get('dortmund')!];
		expect((await columns(observer, '2026-Q3', group))['STAT-T 2020']).toEqual([35, 2]);
	});

	it('counts the yearly figure by the aggregation, and none with an unreleased own value', async () => {
		// Means: Essen 25, Dortmund 45 (its draft unseen), Bochum 25, Köln 60 (its draft unseen by
		// the observer) → median of 25, 25, 45, 60 = 35. Köln sees its own draft: not counted.
		const observed = await columns(observer, '2026');
		expect(observed['STAT-T 2020']).toEqual([35, 4]);
		expect((await columns(koeln, '2026'))['STAT-T 2020']).toEqual([25, 3]);
		// Sums only with four quarters: Essen 10, Bochum 20 (Dortmund has three).
		expect(observed['STAT-S 2020']).toEqual([15, 2]);
		// Last: Essen 9, Dortmund 3, Bochum 8.
		expect(observed['STAT-L 2020']).toEqual([8, 3]);
		// The mean adds in quarter order in floating point, as the page's yearly figure does.
		const mean = yearlyValue(
			[0.1, 0.2, 0.3].map((value, i) => ({ quarter: i + 1, value })),
			'mean'
		).value;
		expect(mean).toBe((0.1 + 0.2 + 0.3) / 3);
		expect(observed['STAT-F 2020']).toEqual([mean, 1]);
	});
});
