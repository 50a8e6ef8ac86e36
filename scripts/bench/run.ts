/**
 * npm run bench — issue 8's figures at NRW scale on the local PostgreSQL server, in one run, with
 * one summary table against the targets at the end.
 * Generates the NRW dataset once into the database `ikz_bench` (BENCH_FRESH=1 rebuilds it; it is
 * reused while it holds over a million values), then: page reads against plain SQL, import of
 * 100,000 values against COPY (scripts/bench-import.ts --core, a scratch database of its own),
 * and — from a copy of the last `npx vite build` — dashboard throughput against a trivial page
 * under concurrent load (port 4206) and JavaScript per page (gzip).
 * and whole pages over HTTP, the gain of prepared statements, and `npm start`'s cold and warm start.
 * Flags: --skip-http (no pages over HTTP, throughput, JavaScript), --skip-js, --skip-import,
 * --skip-start, --skip-reads (no loader reads against plain SQL, no prepared-statement pairs:
 * the quickest way to the whole pages, e.g. `--skip-reads --skip-import --skip-start --skip-js`).
 * BENCH_DATABASE_URL overrides the server (default postgres://postgres@127.0.0.1:5432).
 * `--scale stress` (or `--kpis-per-field N --quarters N`, scripts/bench/scale.ts) generates and
 * measures a larger dataset in a database of its own (`ikz_bench_stress`: 16 million values);
 * `--generate-only` stops once the dataset is there.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { loadavg } from 'node:os';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/db/seed';
import { measurements } from '../../src/lib/server/db/schema';
import { generateNrwDataset } from './nrw-dataset';
import { parseScale } from './scale';
import { measureComparison, measurePages, type PageFigure } from './reads';
import { copyBuild, measureThroughput, type LoadResult } from './throughput';
import { measureJs, type JsFigure } from './js-size';
import { printSummary } from './summary';
import { measureHttpPages, type HttpPageFigure } from './http-pages';
import { measurePrepared, type PreparedFigure } from './prepared';
import { measureStart, type StartFigure } from './start-time';

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const scale = (() => {
	try {
		return parseScale(process.argv.slice(2));
	} catch (e) {
		console.error(`npm run bench: ${(e as Error).message}`);
		process.exit(2);
	}
})();
const NAME = scale.database;
const PORT = Number(process.env.BENCH_PORT ?? 4206);
const flags = new Set(process.argv.slice(2));
/** The default scale keeps the file the docs name; another scale writes beside it. */
const RESULTS = `tmp/bench-results${scale.name === 'nrw' ? '' : `-${scale.database}`}.json`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function prepareDataset(queries: string[]) {
	const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
	const exists = (await admin`select 1 from pg_database where datname = ${NAME}`).length > 0;
	if (exists && process.env.BENCH_FRESH) await admin.unsafe(`drop database ${NAME} with (force)`);
	if (!exists || process.env.BENCH_FRESH) await admin.unsafe(`create database ${NAME}`);
	await admin.end();
	const handle = await openDatabase({
		databaseUrl: `${server}/${NAME}`,
		poolMax: 10,
		onQuery: (q) => queries.push(q)
	});
	await handle.migrate();
	if ((await handle.db.$count(measurements)) < 1_000_000) {
		const started = performance.now();
		// The demo seed gives the 13 cities scorecards and users (overview, dashboard, login).
		await seedDatabase(handle.db, { demo: true });
		const { measurements: count } = await generateNrwDataset(handle.db, scale);
		const seconds = (performance.now() - started) / 1000;
		const raw = postgres(`${server}/${NAME}`, { max: 1, onnotice: () => {} });
		const [size] = await raw`select pg_database_size(current_database())::text as bytes`;
		await raw.end();
		console.log(
			`Generated ${count.toLocaleString('de-DE')} values (${scale.municipalities} municipalities × 10 fields × ${scale.kpisPerField} KPIs × ${scale.quarters} quarters) in ${seconds.toFixed(0)} s; database ${NAME} ${(Number(size!.bytes) / 2 ** 30).toFixed(2)} GiB (load ${loadavg()[0]!.toFixed(1)})`
		);
	}
	return handle;
}

/** The import bench in a process of its own (its memory and its scratch database stay apart). */
function measureImport(): { importSeconds: number; commitSeconds: number; copySeconds: number } {
	const file = 'tmp/bench-import.json';
	mkdirSync('tmp', { recursive: true });
	rmSync(file, { force: true });
	const run = spawnSync(
		process.execPath,
		[
			...process.execArgv,
			'scripts/bench-import.ts',
			'--target',
			'postgres',
			'--rows',
			'100000',
			'--core',
			'--json',
			file
		],
		{ stdio: 'inherit', env: { ...process.env, BENCH_DATABASE_URL: `${server}/postgres` } }
	);
	if (run.status !== 0) throw new Error('the import bench failed');
	const steps = JSON.parse(readFileSync(file, 'utf8')) as { step: string; seconds: string }[];
	const seconds = (prefix: string) => Number(steps.find((s) => s.step.startsWith(prefix))!.seconds);
	const parse = seconds('parse CSV');
	const commit = seconds('commit');
	return { importSeconds: parse + commit, commitSeconds: commit, copySeconds: seconds('COPY') };
}

async function main() {
	const queries: string[] = [];
	const handle = await prepareDataset(queries);
	if (flags.has('--generate-only')) return void (await handle.close());
	const raw = postgres(`${server}/${NAME}`, { max: 4, onnotice: () => {} });
	let pages: PageFigure[] | null = null;
	let comparison: Awaited<ReturnType<typeof measureComparison>> | null = null;
	const skipReads = flags.has('--skip-reads');
	try {
		const total = await handle.db.$count(measurements);
		console.log(`Dataset: ${total.toLocaleString('de-DE')} values in ${NAME}\n`);
		if (!skipReads) {
			comparison = await measureComparison(handle.db, raw, queries);
			console.log(`${comparison.label}: ${comparison.cities} cities shown`);
			console.log(
				`  page ${ms(comparison.median)} (p95 ${ms(comparison.p95)}), plain SQL ${ms(comparison.plainMedian)} (p95 ${ms(comparison.plainP95)})`
			);
			console.log(
				`  ratio per round: ${comparison.rounds.map((r) => r.toFixed(2)).join(', ')}; over all runs ${comparison.ratio.toFixed(2)} ×`
			);
			console.log(`  plan of the value read: ${comparison.plan}`);
			pages = await measurePages(handle.db, queries);
			for (const p of pages) {
				console.log(
					`${p.label}: ${p.roundTrips} SQL round trips, median ${ms(p.median)}, p95 ${ms(p.p95)}`
				);
			}
		}
	} finally {
		await raw.end();
		await handle.close();
	}

	const prepared: PreparedFigure[] | null = skipReads
		? null
		: await measurePrepared(`${server}/${NAME}`);
	for (const p of prepared ?? []) {
		console.log(
			`${p.label}: unprepared ${ms(p.unprepared)}, prepared ${ms(p.prepared)}: ${(p.saved * 100).toFixed(0)} % saved`
		);
	}
	let importNote = flags.has('--skip-import') ? 'skipped (--skip-import)' : '';
	let imported: ReturnType<typeof measureImport> | null = null;
	if (!importNote) {
		// A failed step is reported in the summary; the steps after it still run.
		try {
			imported = measureImport();
		} catch (e) {
			importNote = `FAILED: ${String(e)}`;
		}
	}
	savePartial({ comparison, pages, prepared, imported });

	let load: LoadResult[] | null = null;
	let js: JsFigure[] | null = null;
	let httpNote = flags.has('--skip-http') ? 'skipped (--skip-http)' : '';
	let jsNote = flags.has('--skip-js') ? 'skipped (--skip-js)' : '';
	if (!httpNote && !copyBuild()) httpNote = 'skipped: no build (run `npx vite build` first)';
	let http: HttpPageFigure[] | null = null;
	if (!httpNote) {
		const sql = postgres(`${server}/${NAME}`, { max: 1, onnotice: () => {} });
		try {
			http = await measureHttpPages({
				databaseUrl: `${server}/${NAME}`,
				port: PORT,
				email: 'ob.koeln@demo.ikz-nrw.de',
				password: 'Demo-Ring-2026!',
				sql
			});
		} catch (e) {
			httpNote = `FAILED: ${String(e)}`;
		} finally {
			await sql.end();
		}
		savePartial({ comparison, pages, prepared, imported, http });
	}
	if (!httpNote) {
		// A failure in one HTTP step is reported in the summary; the figures measured so far stay.
		try {
			load = await measureThroughput({
				databaseUrl: `${server}/${NAME}`,
				port: PORT,
				concurrency: 50,
				seconds: 10,
				email: 'ob.koeln@demo.ikz-nrw.de',
				password: 'Demo-Ring-2026!',
				dashboard: '/cities/koeln/service-center-d115',
				trivial: '/barrierefreiheit'
			});
		} catch (e) {
			httpNote = `FAILED: ${String(e)}`;
		}
		savePartial({ comparison, pages, prepared, imported, http, load });
		if (!jsNote) {
			try {
				js = await measureJs('tmp/bench-build', PORT);
			} catch (e) {
				jsNote = `FAILED: ${String(e)}`;
			}
		}
	}
	let start: StartFigure[] | null = null;
	let startNote = flags.has('--skip-start') ? 'skipped (--skip-start)' : '';
	if (!startNote) {
		try {
			start = await measureStart(PORT);
		} catch (e) {
			startNote = `FAILED: ${String(e)}`;
		}
	}
	savePartial({ comparison, pages, prepared, imported, http, load, js, start });
	printSummary({
		comparison,
		pages,
		prepared,
		http,
		imported,
		load,
		js,
		start,
		startNote,
		httpNote,
		importNote,
		jsNote: httpNote || jsNote
	});
	if ([httpNote, jsNote, startNote, importNote].some((n) => n.startsWith('FAILED')))
		process.exitCode = 1;
}

/** Every figure measured so far, written after each step: a later crash loses none of them. */
function savePartial(figures: Record<string, unknown>) {
	mkdirSync('tmp', { recursive: true });
	writeFileSync(RESULTS, JSON.stringify(figures, null, '\t'));
}

await main();
