import { eq, min, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadTrendMedians } from '../../src/lib/server/compare/ring-statistics';
import { loadTrendPage } from '../../src/lib/server/compare/trend-page';
import { readTrendRequest } from '../../src/lib/server/compare/trend-request';
import { distributionOf } from '../../src/lib/domain/statistics/distribution';
import { createTestDatabase } from '../helpers/test-database';
import {
	createSharedKpiWithVersions,
	fieldBySlug,
	organisationIdsBySlug,
	viewerWithRole
} from '../helpers/factories';
import { kpis, kpiVersions } from '../../src/lib/server/db/schema';

/**
 * The trend's median per quarter is computed in the database with the heatmap's rule (decision
 * 0045): released values under the definition in force, the own city's drafts and values under
 * another definition never. It must equal the domain's PERCENTILE.INC (distributionOf) on the
 * same values, to the last bit, and the page must show what it showed before.
 */
describe("the trend's median in SQL", () => {
	let handle: DatabaseHandle;
	let ids: Map<string, number>;
	let fieldId: number;
	let kpiId: number;
	let firstVersion: number;
	let koeln: Viewer;
	const observer = viewerWithRole(1, 'observer');

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		ids = await organisationIdsBySlug(db);
		fieldId = (await fieldBySlug(db, 'service-center-d115')).id;
		koeln = viewerWithRole(2, 'city_leadership', ids.get('koeln')!);
		// TREND-M: defined from 2020, a new definition from 2025-Q1.
		await createSharedKpiWithVersions(db, fieldId, 'TREND-M', [
			{ fromYear: 2020, name: 'TREND-M' },
			{ fromYear: 2025, name: 'TREND-M neu' }
		]);
		const [kpi] = await db
			.select({ id: kpis.id, first: min(kpiVersions.id) })
			.from(kpis)
			.innerJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
			.where(eq(kpis.code, 'TREND-M'))
			.groupBy(kpis.id);
		kpiId = kpi!.id;
		firstVersion = kpi!.first!;
		const value = async (
			city: string,
			year: number,
			quarter: number,
			v: string,
			state: 'draft' | 'submitted' | 'released' = 'released',
			versionFrom = year >= 2025 ? 2025 : 2020
		) =>
			db.execute(sql`insert into measurements (organisation_id, kpi_id, kpi_version_id, year,
					quarter, value, state, released_at)
				select ${ids.get(city)!}, k.id, v.id, ${year}, ${quarter}, ${v}, ${state},
					case when ${state} = 'released' then now() end
				from kpis k join kpi_versions v on v.kpi_id = k.id and v.valid_from_year = ${versionFrom}
				where k.code = 'TREND-M'`);
		// 2024-Q4 (first definition): Köln's draft does not count.
		await value('essen', 2024, 4, '10');
		await value('dortmund', 2024, 4, '20');
		await value('bochum', 2024, 4, '40');
		await value('koeln', 2024, 4, '5', 'draft');
		// 2025-Q1 (new definition): Bochum's value under the old one and Wuppertal's submission
		// do not count; 0.1, 0.2, 0.4, 0.9 do.
		await value('essen', 2025, 1, '0.1');
		await value('dortmund', 2025, 1, '0.2');
		await value('koeln', 2025, 1, '0.4');
		await value('hagen', 2025, 1, '0.9');
		await value('bochum', 2025, 1, '7', 'released', 2020);
		await value('wuppertal', 2025, 1, '3', 'submitted');
		// 2025-Q2: nothing. 2025-Q3: only Köln's draft.
		await value('koeln', 2025, 3, '1', 'draft');
	});
	afterAll(() => handle.close());

	const quarter = (year: number, q: number) => ({ year, quarter: q });
	const medians = async (viewer: Viewer, members: number[] | null = null) =>
		Object.fromEntries(
			(
				await loadTrendMedians(
					handle.db,
					viewer,
					fieldId,
					kpiId,
					{ from: quarter(2024, 1), to: quarter(2026, 4) },
					members
				)
			).map((r) => [
				`${r.year}-Q${r.quarter} v${r.kpiVersionId === firstVersion ? 1 : 2}`,
				r.median
			])
		);

	it('gives the domain median per quarter and definition, whoever looks', async () => {
		const domain = (values: number[]) => distributionOf(values)!.median;
		const expected = {
			'2024-Q4 v1': 20,
			'2025-Q1 v1': 7,
			// 0.2 + 0.5 · (0.4 − 0.2), interpolated in binary floating point as PERCENTILE.INC does
			'2025-Q1 v2': 0.2 + 0.5 * (0.4 - 0.2)
		};
		expect(domain([10, 20, 40])).toBe(expected['2024-Q4 v1']);
		expect(domain([0.9, 0.1, 0.4, 0.2])).toBe(expected['2025-Q1 v2']);
		expect(await medians(observer)).toEqual(expected);
		expect(await medians(koeln)).toEqual(expected);
		// Dortmund, Bochum and Hagen: 20 and 40; 0.2 and 0.9 (Bochum's 7 under the old definition).
		const group = ['dortmund', 'bochum', 'hagen'].map((s) => ids.get(s)!);
		expect(await medians(observer, group)).toEqual({
			'2024-Q4 v1': domain([20, 40]),
			'2025-Q1 v1': 7,
			'2025-Q1 v2': domain([0.2, 0.9])
		});
	});

	const trend = (viewer: Viewer, query: string) =>
		loadTrendPage(handle.db, viewer, readTrendRequest(new URLSearchParams(query))!, 'de');

	it('shows the median of the definition in force, and every quarter with a visible value', async () => {
		const query =
			'field=service-center-d115&kpi=TREND-M&cities=koeln,essen&from=2024-Q4&to=2025-Q3';
		for (const viewer of [observer, koeln]) {
			const page = (await trend(viewer, query))!;
			expect(page.trend!.median).toEqual([20, 0.2 + 0.5 * (0.4 - 0.2), null, null]);
			expect(page.trend!.series.map((s) => s.slug)).toEqual(['koeln', 'essen']);
			expect(page.trend!.cities.map((c) => c.slug)).toEqual(
				expect.arrayContaining(['aachen', 'bochum', 'dortmund', 'essen', 'hagen', 'koeln'])
			);
		}
		const observed = (await trend(observer, query))!;
		expect(observed.trend!.series[0]!.points.map((p) => p.value)).toEqual([null, 0.4, null, null]);
		expect(observed.trend!.available).toEqual([quarter(2024, 4), quarter(2025, 1)]);
		// Köln sees its own drafts, so 2025-Q3 has a value for it, but no median.
		const own = (await trend(koeln, query))!;
		expect(own.trend!.series[0]!.points.map((p) => [p.value, p.state])).toEqual([
			[5, 'draft'],
			[0.4, 'released'],
			[null, null],
			[1, 'draft']
		]);
		expect(own.trend!.available).toEqual([quarter(2024, 4), quarter(2025, 1), quarter(2025, 3)]);
	});

	it('defaults to the quarters with values and their medians without a range in the URL', async () => {
		const page = (await trend(observer, 'field=service-center-d115&kpi=TREND-M&cities=essen'))!;
		expect(page.trend!.quarters).toEqual([quarter(2024, 4), quarter(2025, 1)]);
		expect(page.trend!.median).toEqual([20, 0.2 + 0.5 * (0.4 - 0.2)]);
	});
});
