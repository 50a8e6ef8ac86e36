/**
 * npm run bench — server-side figures at NRW scale on the local PostgreSQL server.
 * Generates the NRW dataset once into the database `ikz_bench` (BENCH_FRESH=1 rebuilds it),
 * then measures each read against the same read as plain SQL and prints the ratios.
 * BENCH_DATABASE_URL overrides the server (default postgres://postgres@127.0.0.1:5432).
 */
import postgres from 'postgres';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/db/seed';
import { measurements } from '../../src/lib/server/db/schema';
import { loadComparison } from '../../src/lib/server/compare/comparison';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadHeatmapPage } from '../../src/lib/server/compare/heatmap-page';
import { loadTrendPage } from '../../src/lib/server/compare/trend-page';
import { loadOverviewPage } from '../../src/lib/server/compare/overview-page';
import { generateNrwDataset, NRW } from './nrw-dataset';

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const NAME = 'ikz_bench';
const RUNS = 40;

const observer: Viewer = {
	kind: 'user',
	principal: { userId: 1, roles: [{ role: 'observer', organisationId: null, fieldId: null }] }
};

async function timed(runs: number, fn: () => Promise<unknown>) {
	for (let i = 0; i < 5; i++) await fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return { median: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]! };
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

async function main() {
	const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
	const exists = (await admin`select 1 from pg_database where datname = ${NAME}`).length > 0;
	if (exists && process.env.BENCH_FRESH) await admin.unsafe(`drop database ${NAME} with (force)`);
	if (!exists || process.env.BENCH_FRESH) await admin.unsafe(`create database ${NAME}`);
	await admin.end();

	const queries: string[] = [];
	const handle = await openDatabase({
		databaseUrl: `${server}/${NAME}`,
		poolMax: 4,
		onQuery: (q) => queries.push(q)
	});
	const raw = postgres(`${server}/${NAME}`, { max: 4, onnotice: () => {} });
	try {
		await handle.migrate();
		if ((await handle.db.$count(measurements)) < 1_000_000) {
			const started = performance.now();
			// The demo seed gives the 13 cities scorecards (for the overview); the rest is generated.
			await seedDatabase(handle.db, { demo: true });
			const { measurements: count } = await generateNrwDataset(handle.db);
			console.log(
				`Generated ${count.toLocaleString('de-DE')} values (${NRW.municipalities} municipalities × 10 fields × ${NRW.kpisPerField} KPIs × ${NRW.quarters} quarters) in ${((performance.now() - started) / 1000).toFixed(0)} s`
			);
		}
		const total = await handle.db.$count(measurements);
		console.log(`Dataset: ${total.toLocaleString('de-DE')} values in ${NAME}\n`);

		// Comparison page: all municipalities, one KPI, one quarter.
		const request = {
			field: 'service-center-d115',
			kpi: 'D115-ELQ',
			period: { kind: 'quarter' as const, year: 2026, quarter: 2 },
			group: null,
			basis: 'defined' as const
		};
		queries.length = 0;
		const page = await loadComparison(handle.db, observer, request);
		const roundTrips = queries.length;
		const comparison = await timed(RUNS, () => loadComparison(handle.db, observer, request));
		const [kpi] = await raw`select id from kpis where code = 'D115-ELQ'`;
		// The same read by hand: participants, their released value and their population.
		const plainRead = () =>
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
		const plain = await timed(RUNS, plainRead);
		const plan = await raw.unsafe(
			`explain select * from measurements where kpi_id = ${kpi!.id} and year = 2026 and quarter = 2`
		);
		console.log('Comparison page (all municipalities, one KPI, one quarter)');
		console.log(
			`  cities shown: ${page!.comparison.entries.length}, SQL round trips: ${roundTrips}`
		);
		console.log(`  server time:  median ${ms(comparison.median)}, p95 ${ms(comparison.p95)}`);
		console.log(`  plain SQL:    median ${ms(plain.median)}, p95 ${ms(plain.p95)}`);
		console.log(`  ratio:        ${(comparison.median / plain.median).toFixed(2)} × plain SQL`);
		console.log(`  plan of the value read: ${String(Object.values(plan[0]!)[0])}`);

		// The other pages of the comparison family: server time and SQL round trips per page.
		const mayor: Viewer = {
			kind: 'user',
			principal: {
				userId: 1,
				roles: [
					{
						role: 'city_leadership',
						organisationId: page!.comparison.entries.find((e) => e.slug === 'koeln')!
							.organisationId,
						fieldId: null
					}
				]
			}
		};
		const pages: [string, () => Promise<unknown>][] = [
			[
				'heatmap: one field, 396 municipalities × 20 KPIs, one quarter',
				() =>
					loadHeatmapPage(
						handle.db,
						observer,
						{ field: 'service-center-d115', period: { kind: 'quarter', year: 2026, quarter: 2 } },
						'de'
					)
			],
			[
				'trend: one KPI, 6 cities (the page maximum) × 40 quarters',
				() =>
					loadTrendPage(
						handle.db,
						observer,
						{
							field: 'service-center-d115',
							kpi: 'D115-ELQ',
							cities: ['koeln', 'essen', 'dortmund', 'bochum', 'hagen', 'gemeinde-1'],
							from: { year: 2016, quarter: 3 },
							to: { year: 2026, quarter: 2 }
						},
						'de'
					)
			],
			[
				"mayors' overview: Köln, 10 scorecards, ring medians of 396",
				() => loadOverviewPage(handle.db, mayor, { city: 'koeln' }, 'de')
			]
		];
		for (const [label, load] of pages) {
			queries.length = 0;
			await load();
			const trips = queries.length;
			const t = await timed(RUNS, load);
			console.log(`\n${label}`);
			console.log(
				`  SQL round trips: ${trips}, server time median ${ms(t.median)}, p95 ${ms(t.p95)}`
			);
		}
	} finally {
		await raw.end();
		await handle.close();
	}
}

await main();
