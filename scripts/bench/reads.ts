/**
 * Server reads at NRW scale, in one Node process calling the same loaders the pages call:
 * server time and SQL round trips per page, and the comparison against the same read as plain
 * SQL, interleaved run by run so both see the same machine load.
 */
import type postgres from 'postgres';
import type { Db } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadComparison } from '../../src/lib/server/compare/comparison';
import { loadHeatmapPageView } from '../../src/lib/server/compare/heatmap-page';
import { loadTrendPage } from '../../src/lib/server/compare/trend-page';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';

export interface PageFigure {
	label: string;
	roundTrips: number;
	median: number;
	p95: number;
}

export interface ComparisonFigure extends PageFigure {
	cities: number;
	plainMedian: number;
	plainP95: number;
	/** Ratio of the medians, per round and over all runs. */
	rounds: number[];
	ratio: number;
	plan: string;
}

const RUNS = 40;
const ROUNDS = 5;

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function time(fn: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await fn();
	return performance.now() - start;
}

async function timed(runs: number, fn: () => Promise<unknown>) {
	for (let i = 0; i < 5; i++) await fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) times.push(await time(fn));
	const s = sorted(times);
	return { median: percentile(s, 0.5), p95: percentile(s, 0.95) };
}

export const observer: Viewer = {
	kind: 'user',
	principal: { userId: 1, roles: [{ role: 'observer', organisationId: null, fieldId: null }] }
};

/** Counts statements: the database handle reports every query to `queries`. */
async function roundTrips(queries: string[], fn: () => Promise<unknown>) {
	queries.length = 0;
	await fn();
	return queries.length;
}

export async function measureComparison(
	db: Db,
	raw: postgres.Sql,
	queries: string[]
): Promise<ComparisonFigure> {
	const request = {
		field: 'service-center-d115',
		kpi: 'D115-ELQ',
		period: { kind: 'quarter' as const, year: 2026, quarter: 2 },
		group: null,
		basis: 'defined' as const
	};
	const page = () => loadComparison(db, observer, request);
	const shown = (await page())!.comparison.entries.length;
	const trips = await roundTrips(queries, page);
	const [kpi] = await raw`select id from kpis where code = 'D115-ELQ'`;
	// The same read by hand: participants, their released value and their population.
	const plain = () =>
		raw`select o.id, o.slug, o.name, m.quarter, m.value, m.case_count, m.state, m.kpi_version_id,
				pop.inhabitants, pop.reference_date
			from field_participants p
			join organisations o on o.id = p.organisation_id and o.kind <> 'association'
			left join measurements m on m.organisation_id = o.id and m.kpi_id = ${kpi!.id}
				and m.year = 2026 and m.quarter = 2 and m.state = 'released'
			left join lateral (select inhabitants, reference_date from populations
				where organisation_id = o.id order by reference_date <= '2026-06-30' desc, reference_date desc
				limit 1) pop on true
			where p.field_id = (select field_id from kpis where id = ${kpi!.id})`;
	for (let i = 0; i < 5; i++) {
		await page();
		await plain();
	}
	const pageTimes: number[] = [];
	const plainTimes: number[] = [];
	const rounds: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		const a: number[] = [];
		const b: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			a.push(await time(page));
			b.push(await time(plain));
		}
		rounds.push(percentile(sorted(a), 0.5) / percentile(sorted(b), 0.5));
		pageTimes.push(...a);
		plainTimes.push(...b);
	}
	const plan = await raw.unsafe(
		`explain select * from measurements where kpi_id = ${kpi!.id} and year = 2026 and quarter = 2`
	);
	const p = sorted(pageTimes);
	const q = sorted(plainTimes);
	return {
		label: 'comparison: 396 municipalities, one KPI, one quarter',
		cities: shown,
		roundTrips: trips,
		median: percentile(p, 0.5),
		p95: percentile(p, 0.95),
		plainMedian: percentile(q, 0.5),
		plainP95: percentile(q, 0.95),
		rounds,
		ratio: percentile(p, 0.5) / percentile(q, 0.5),
		plan: String(Object.values(plan[0]!)[0])
	};
}

export const TREND_CITIES = [
	'koeln',
	'essen',
	'dortmund',
	'bochum',
	'hagen',
	'aachen',
	'bielefeld',
	'bonn',
	'ahaus',
	'monschau'
];

export async function measurePages(db: Db, queries: string[]): Promise<PageFigure[]> {
	const [koeln] = (await loadComparison(db, observer, {
		field: 'service-center-d115',
		kpi: 'D115-ELQ',
		period: { kind: 'quarter', year: 2026, quarter: 2 },
		group: null,
		basis: 'defined'
	}))!.comparison.entries.filter((e) => e.slug === 'koeln');
	const mayor: Viewer = {
		kind: 'user',
		principal: {
			userId: 1,
			roles: [{ role: 'city_leadership', organisationId: koeln!.organisationId, fieldId: null }]
		}
	};
	const pages: [string, () => Promise<unknown>][] = [
		[
			'heatmap: one field, 396 municipalities × 20 KPIs, one quarter, page 1 (30 rows)',
			() =>
				loadHeatmapPageView(
					db,
					observer,
					{
						field: 'service-center-d115',
						period: { kind: 'quarter', year: 2026, quarter: 2 },
						group: null,
						page: 1
					},
					'de'
				)
		],
		[
			`trend: one KPI, ${TREND_CITIES.length} cities × 40 quarters (+ ring median of 396)`,
			async () => {
				const page = await loadTrendPage(
					db,
					observer,
					{
						field: 'service-center-d115',
						kpi: 'D115-ELQ',
						cities: TREND_CITIES,
						from: { year: 2016, quarter: 3 },
						to: { year: 2026, quarter: 2 },
						group: null
					},
					'de'
				);
				const t = page!.trend!;
				if (t.series.length !== 10 || t.quarters.length !== 40)
					throw new Error('the trend did not draw 10 cities × 40 quarters');
			}
		],
		[
			"mayors' overview: Köln, 10 scorecards, ring medians of 396",
			() => loadOverviewPage(db, mayor, { city: 'koeln' }, 'de')
		],
		[
			'dashboard: scorecard Köln · D115 (as the mayor)',
			() => loadScorecardPage(db, mayor, 'koeln', 'service-center-d115', 'de')
		]
	];
	const figures: PageFigure[] = [];
	for (const [label, load] of pages) {
		const trips = await roundTrips(queries, load);
		figures.push({ label, roundTrips: trips, ...(await timed(RUNS, load)) });
	}
	return figures;
}
