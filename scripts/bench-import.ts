/**
 * npx tsx scripts/bench-import.ts [--target postgres|pglite] [--rows 100000] [--core] [--json FILE]
 *
 * Imports 100,000 rows the way the import page does — parse a German Excel CSV, plan (dry
 * run), commit all or nothing — into a scratch database, then once more (all unchanged), and
 * times PostgreSQL COPY of the same rows for comparison. Prints time and peak memory per step.
 * Without --target it runs PostgreSQL (postgres://postgres@127.0.0.1:5432, or BENCH_DATABASE_URL;
 * a scratch database is created and dropped) and PGlite (in memory), each in a process of its own
 * so the memory figures do not mix.
 *
 * --core (used by `npm run bench`): only parse CSV, commit and COPY; --json writes the steps to FILE.
 *
 * The demo data has ~50 KPIs per city; for 100,000 distinct keys the script adds 250 local KPIs
 * to Köln's archive scorecard and opens the quarters 2000–2099 (250 × 400 = 100,000).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db/client';
import { seedDatabase } from '../src/lib/server/db/seed';
import type { DatabaseHandle } from '../src/lib/server/db/types';
import { parseDeliveryFile } from '../src/lib/server/tabular/file';
import { commitDelivery, planDelivery } from '../src/lib/server/delivery';
import { selectRows as rowsOf } from '../src/lib/server/delivery/sql';
import type { PGlite } from '@electric-sql/pglite';
import { commitUpload, receiveUpload } from '../src/lib/server/import-export/process';
import { loadUpload } from '../src/lib/server/import-export/uploads';
import { uploadView } from '../src/lib/server/import-export/view';

const selectRows = <T>(handle: DatabaseHandle, query: ReturnType<typeof sql>) =>
	rowsOf<T>(handle.db, query);

const args = process.argv.slice(2);
const arg = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const ROWS = Number(arg('rows') ?? 100_000);
const KPIS = 250;
const target = arg('target');
const core = args.includes('--core');
const jsonFile = arg('json');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// ---------------------------------------------------------------- measuring
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
	const m = process.memoryUsage();
	peakRss = Math.max(peakRss, m.rss);
	peakHeap = Math.max(peakHeap, m.heapUsed);
};
setInterval(sample, 20).unref();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const results: {
	step: string;
	seconds: string;
	peakRss: string;
	peakHeap: string;
	note: string;
}[] = [];

async function step<T>(name: string, run: () => Promise<T>, note: (r: T) => string = () => '') {
	global.gc?.();
	peakRss = 0;
	peakHeap = 0;
	sample();
	const start = performance.now();
	const result = await run();
	sample();
	results.push({
		step: name,
		seconds: ((performance.now() - start) / 1000).toFixed(2),
		peakRss: mb(peakRss),
		peakHeap: mb(peakHeap),
		note: note(result)
	});
	return result;
}

// ---------------------------------------------------------------- scratch data
async function enlarge(handle: DatabaseHandle) {
	const db = handle.db;
	await db.execute(sql`
		with org as (select id from organisations where slug = 'koeln'),
		field as (select id from cooperation_fields where slug = 'archivierung')
		insert into kpis (field_id, owner_organisation_id, code, sort_order)
		select field.id, org.id, 'BENCH-' || lpad(i::text, 3, '0'), 100 + i
		from org, field, generate_series(1, ${KPIS}) as i`);
	await db.execute(sql`
		insert into kpi_versions (kpi_id, valid_from_year, valid_from_quarter, name_de, name_en,
			definition_de, definition_en, unit, decimals, polarity, aggregation)
		select id, 2000, 1, 'Messgröße ' || code, 'Measure ' || code, '', '', 'count', 1,
			'higher_is_better', 'sum'
		from kpis where code like 'BENCH-%'`);
	await db.execute(sql`
		insert into scorecard_kpis (objective_id, kpi_id, sort_order)
		select (select o.id from objectives o
				join perspectives p on p.id = o.perspective_id
				join scorecards s on s.id = p.scorecard_id
				join organisations org on org.id = s.organisation_id
				join cooperation_fields f on f.id = s.field_id
				where org.slug = 'koeln' and f.slug = 'archivierung'
				order by p.sort_order, o.sort_order limit 1),
			id, 100 + row_number() over (order by code)
		from kpis where code like 'BENCH-%'`);
	await db.execute(sql`
		insert into reporting_periods (field_id, year, quarter, deadline)
		select f.id, y, q, '2100-12-31'
		from cooperation_fields f, generate_series(2000, 2099) y, generate_series(1, 4) q
		where f.slug = 'archivierung'
		on conflict do nothing`);
	await db.execute(sql`
		update reporting_periods set closed_at = null, closed_by = null
		where field_id = (select id from cooperation_fields where slug = 'archivierung')`);
	// The demo values of the archive KPIs stay; the bench rows use the new KPIs only.
}

interface BenchRow {
	kpi: string;
	year: number;
	quarter: number;
	value: number;
	comment: string;
}

function benchRows(): BenchRow[] {
	const rows: BenchRow[] = [];
	for (let i = 0; rows.length < ROWS; i++) {
		const kpi = `BENCH-${String((i % KPIS) + 1).padStart(3, '0')}`;
		const q = Math.floor(i / KPIS);
		rows.push({
			kpi,
			year: 2000 + Math.floor(q / 4),
			quarter: (q % 4) + 1,
			// One decimal, as the bench KPIs are defined (`decimals` 1 above): the import refuses more.
			value: 1000 + (i % 977) + (i % 10) / 10,
			comment: i % 10 === 0 ? 'Nachmeldung; geprüft' : ''
		});
	}
	return rows;
}

/** A German Excel CSV: semicolons, decimal commas, BOM, CRLF. */
function germanCsv(rows: BenchRow[]): Uint8Array {
	const lines = ['Stadt;Handlungsfeld;Kennzahl;Jahr;Quartal;Wert;Kommentar'];
	for (const r of rows) {
		const comment = r.comment.includes(';') ? `"${r.comment}"` : r.comment;
		lines.push(
			`koeln;archivierung;${r.kpi};${r.year};${r.quarter};${String(r.value).replace('.', ',')};${comment}`
		);
	}
	return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}

async function xlsx(rows: BenchRow[]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Werte');
	sheet.addRow(['Stadt', 'Kennzahl', 'Jahr', 'Quartal', 'Wert', 'Kommentar']);
	for (const r of rows) sheet.addRow(['koeln', r.kpi, r.year, r.quarter, r.value, r.comment]);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- one target
async function runTarget(kind: 'postgres' | 'pglite') {
	let url: string | undefined;
	let admin: postgres.Sql | undefined;
	const name = `ikz_bench_${process.pid}`;
	if (kind === 'postgres') {
		admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const u = new URL(serverUrl);
		u.pathname = `/${name}`;
		url = u.toString();
	}
	const handle = await openDatabase({ databaseUrl: url });
	try {
		await handle.migrate();
		await seedDatabase(handle.db, { demo: true });
		await enlarge(handle);
		const [org] = await selectRows<{ id: number }>(
			handle,
			sql`select id from organisations where slug = 'koeln'`
		);
		const [user] = await selectRows<{ id: number }>(
			handle,
			sql`select id from users where email = 'controlling.koeln@demo.ikz-nrw.de'`
		);
		const organisationId = Number(org!.id);
		const userId = Number(user!.id);

		const rows = benchRows();
		const csv = germanCsv(rows);
		const book = core ? new Uint8Array() : await xlsx(rows);
		global.gc?.();
		const idle = process.memoryUsage();
		console.log(
			`${kind}: before the import steps (migrated, seeded, files generated) rss ${mb(idle.rss)}, heap ${mb(idle.heapUsed)}`
		);
		const options = {
			defaults: { city: 'koeln', field: 'archivierung' },
			userLocale: 'de' as const,
			numberFormat: 'auto' as const
		};
		const parsed = await step(
			'parse CSV',
			() => parseDeliveryFile(csv, options),
			(p) => `${mb(csv.length)} file, ${p.ok ? p.rows.length : 'FAILED'} rows`
		);
		if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
		if (!core)
			await step(
				'parse XLSX (streamed)',
				() => parseDeliveryFile(book, options),
				(p) => `${mb(book.length)} file, ${p.ok ? p.rows.length : 'FAILED'} rows`
			);
		const input = { organisationId, rows: parsed.rows, locale: 'de' as const };
		if (!core)
			await step(
				'plan (dry run)',
				() => planDelivery(handle.db, input),
				(p) => JSON.stringify(p.counts)
			);
		const committed = await step(
			'commit (plan again under locks + write)',
			() => commitDelivery(handle.db, { ...input, userId, source: 'import' }),
			(r) => `${r.ok ? 'ok' : 'REFUSED'} ${JSON.stringify(r.plan.counts)}`
		);
		if (!committed.ok) {
			const bad = committed.plan.outcomes.find((o) => o.error);
			throw new Error(`commit refused: ${bad?.line} ${bad?.error?.message}`);
		}
		const clear = () =>
			handle.db.execute(
				sql`delete from measurements where kpi_id in (select id from kpis where code like 'BENCH-%')`
			);
		if (!core) await pagePath();
		async function pagePath() {
			await step(
				'commit same file again (all unchanged)',
				() => commitDelivery(handle.db, { ...input, userId, source: 'import' }),
				(r) => JSON.stringify(r.plan.counts)
			);

			// The import page's path: the upload is parsed, planned and kept in the database with its
			// dry run; a page of the dry run is read back; the commit parses the kept file and plans again.
			await clear();
			const [field] = await selectRows<{ id: number }>(
				handle,
				sql`select id from cooperation_fields where slug = 'archivierung'`
			);
			const scope = {
				userId,
				organisationId,
				fieldId: Number(field!.id),
				citySlug: 'koeln',
				fieldSlug: 'archivierung',
				locale: 'de' as const
			};
			const received = await step(
				'page: upload (parse + dry run + keep file and plan)',
				() => receiveUpload(handle.db, scope, { name: 'bench.csv', bytes: csv }, 'auto'),
				(r) =>
					r.ok
						? `${JSON.stringify(r.record.plan?.counts)}, record ${mb(Buffer.byteLength(JSON.stringify(r.record)))}`
						: 'FAILED'
			);
			if (!received.ok) throw new Error('upload refused');
			await step(
				'page: show one page of the dry run',
				async () => {
					const record = await loadUpload(handle.db, received.record.id, scope);
					return uploadView(record!, { show: 'all', page: 500 }, 'de');
				},
				(v) => `page ${v.page} of ${v.pages}, ${v.rows.length} rows`
			);
			await step(
				'page: commit (parse kept file + plan under locks + write)',
				async () =>
					commitUpload(handle.db, scope, (await loadUpload(handle.db, received.record.id, scope))!),
				(r) => `${r.ok ? 'ok' : 'REFUSED'} ${JSON.stringify(r.plan?.counts)}`
			);
		}

		// The same rows with COPY, for the ratio: remove them, then load them in one COPY.
		await clear();
		const ids = await selectRows<{ code: string; kpi_id: number; version_id: number }>(
			handle,
			sql`select k.code, k.id as kpi_id, v.id as version_id
				from kpis k join kpi_versions v on v.kpi_id = k.id where k.code like 'BENCH-%'`
		);
		const byCode = new Map(ids.map((v) => [v.code, v]));
		await step(
			'COPY the same rows (no checks)',
			async () => {
				const text = rows
					.map((r) => {
						const k = byCode.get(r.kpi)!;
						return `${organisationId}\t${k.kpi_id}\t${k.version_id}\t${r.year}\t${r.quarter}\t${r.value}\t${r.comment}\t${userId}\n`;
					})
					.join('');
				const columns =
					'(organisation_id, kpi_id, kpi_version_id, year, quarter, value, comment, updated_by)';
				if (kind === 'postgres') {
					const client = postgres(url!, { max: 1, onnotice: () => {} });
					const writable = await client
						.unsafe(`copy measurements ${columns} from stdin`)
						.writable();
					await pipeline(Readable.from([text]), writable);
					await client.end();
				} else {
					// PGlite reads COPY data from a Blob under the name /dev/blob.
					const raw = (handle.db as unknown as { $client: PGlite }).$client;
					await raw.query(`copy measurements ${columns} from '/dev/blob'`, [], {
						blob: new Blob([text])
					});
				}
				return rows.length;
			},
			(n) => `${n} rows`
		);
	} finally {
		await handle.close();
		if (admin) {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	}
}

// ---------------------------------------------------------------- main
if (target === 'postgres' || target === 'pglite') {
	await runTarget(target);
	console.log(
		`\n${target === 'postgres' ? 'PostgreSQL (server)' : 'PGlite (in memory)'}, ${ROWS} rows, Node ${process.version}`
	);
	console.table(results);
	if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results));
	process.exit(0);
} else {
	for (const t of ['postgres', 'pglite']) {
		const run = spawnSync(
			process.execPath,
			[...process.execArgv, '--expose-gc', process.argv[1]!, '--target', t, '--rows', String(ROWS)],
			{ stdio: 'inherit' }
		);
		if (run.status !== 0) process.exitCode = run.status ?? 1;
	}
}
