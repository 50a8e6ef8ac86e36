/**
 * A large import killed (SIGKILL) while its transaction writes: afterwards nothing of it is in
 * the database, and the app starts again. Runs on an instance of its own, so the load
 * instances stay untouched; the file is a German Excel CSV like scripts/bench-import.ts makes.
 */
import type { Sql } from 'postgres';
import { startInstance, stopInstance, type Instance } from './app';
import type { Report } from './checks';
import { request } from './http';
import type { Plan } from './setup';

const ROWS = 50_000;
const KPIS = 250;
const CITY = 'koeln';
const FIELD = 'archivierung';

/** 250 local KPIs on Köln's archive scorecard and open quarters 2000–2099: room for 50,000 new values. */
async function enlarge(sql: Sql) {
	await sql`
		insert into kpis (field_id, owner_organisation_id, code, sort_order)
		select f.id, o.id, 'LOAD-' || lpad(i::text, 3, '0'), 100 + i
		from organisations o, cooperation_fields f, generate_series(1, ${KPIS}) as i
		where o.slug = ${CITY} and f.slug = ${FIELD}`;
	await sql`
		insert into kpi_versions (kpi_id, valid_from_year, valid_from_quarter, name_de, name_en,
			definition_de, definition_en, unit, decimals, polarity, aggregation)
		select id, 2000, 1, 'Messgröße ' || code, 'Measure ' || code, '', '', 'count', 0, 'higher_is_better', 'sum'
		from kpis where code like 'LOAD-%'`;
	await sql`
		insert into scorecard_kpis (objective_id, kpi_id, sort_order)
		select (select ob.id from objectives ob
				join perspectives p on p.id = ob.perspective_id
				join scorecards s on s.id = p.scorecard_id
				join organisations o on o.id = s.organisation_id
				join cooperation_fields f on f.id = s.field_id
				where o.slug = ${CITY} and f.slug = ${FIELD}
				order by p.sort_order, ob.sort_order limit 1),
			id, 100 + row_number() over (order by code)
		from kpis where code like 'LOAD-%'`;
	await sql`
		insert into reporting_periods (field_id, year, quarter, deadline)
		select f.id, y, q, '2100-12-31'
		from cooperation_fields f, generate_series(2000, 2099) y, generate_series(1, 4) q
		where f.slug = ${FIELD}
		on conflict do nothing`;
	await sql`update reporting_periods set closed_at = null, closed_by = null
		where field_id = (select id from cooperation_fields where slug = ${FIELD})`;
}

function csv(): Blob {
	const lines = ['Stadt;Handlungsfeld;Kennzahl;Jahr;Quartal;Wert;Kommentar'];
	for (let i = 0; i < ROWS; i++) {
		const q = Math.floor(i / KPIS);
		const kpi = `LOAD-${String((i % KPIS) + 1).padStart(3, '0')}`;
		lines.push(
			`${CITY};${FIELD};${kpi};${2000 + Math.floor(q / 4)};${(q % 4) + 1};${1000 + (i % 977)},5;`
		);
	}
	return new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv' });
}

const counts = async (sql: Sql) => {
	const [row] = await sql<{ measurements: string; audit: string; states: string }[]>`
		select (select count(*) from measurements)::text as measurements,
			(select count(*) from audit_log)::text as audit,
			(select string_agg(state::text || '=' || n, ' ' order by state) from
				(select state, count(*) n from measurements group by state) s) as states`;
	return row!;
};

export async function importKillCheck(
	report: Report,
	sql: Sql,
	base: Instance,
	tokens: Map<string, string>,
	plan: Plan
) {
	const token = tokens.get(CITY);
	if (!token || !plan.cities.includes(CITY)) throw new Error('no Köln controller session');
	console.log(`\nImport of ${ROWS.toLocaleString('de-DE')} rows killed mid-commit …`);
	await enlarge(sql);
	let instance = await startInstance(base.port + 2, base.databaseUrl);
	try {
		const path = `/cities/${CITY}/${FIELD}/import`;
		const form = new FormData();
		form.set('file', csv(), 'lasttest.csv');
		form.set('numberFormat', 'de');
		const uploaded = await request(instance.base, `${path}?/upload`, token, {
			body: form,
			timeoutMs: 120_000
		});
		const id = /upload=([0-9a-f]{32})/.exec(uploaded.location ?? '')?.[1];
		if (!id) throw new Error(`upload refused: ${uploaded.status} ${uploaded.body.slice(0, 200)}`);
		const before = await counts(sql);
		const started = Date.now();
		const commit = request(instance.base, `${path}?/commit`, token, {
			form: { upload: id },
			timeoutMs: 120_000
		}).then(
			(a) => `answered ${a.status}`,
			() => 'no answer (killed)'
		);
		// Wait until the import's transaction holds its write lock on measurements, then kill.
		let writing = false;
		while (!writing && Date.now() - started < 100_000) {
			const [lock] = await sql`select count(*)::int as n from pg_locks
				where relation = 'measurements'::regclass and mode = 'RowExclusiveLock' and pid <> pg_backend_pid()`;
			writing = (lock?.n ?? 0) > 0;
			if (!writing) await new Promise((r) => setTimeout(r, 10));
		}
		const killedAfter = Date.now() - started;
		instance.child.kill('SIGKILL');
		await instance.exited;
		const outcome = await commit;
		// PostgreSQL notices the dropped connection and rolls the transaction back.
		for (let i = 0; i < 100; i++) {
			const [left] = await sql`select count(*)::int as n from pg_locks
				where relation = 'measurements'::regclass and pid <> pg_backend_pid()`;
			if (!left?.n) break;
			await new Promise((r) => setTimeout(r, 100));
		}
		const after = await counts(sql);
		const [imported] =
			await sql`select count(*)::int as n from measurements m join kpis k on k.id = m.kpi_id where k.code like 'LOAD-%'`;
		report.figure(
			`killed ${killedAfter} ms into the commit (${outcome}); before: ${before.measurements} values (${before.states}), ${before.audit} audit entries; after: ${after.measurements} values (${after.states}), ${after.audit} audit entries`
		);
		report.check(
			`import of ${ROWS} rows killed (SIGKILL) mid-commit: nothing of it is in the database`,
			writing &&
				imported?.n === 0 &&
				before.measurements === after.measurements &&
				before.audit === after.audit &&
				before.states === after.states,
			`write lock seen: ${writing}; imported rows stored: ${imported?.n}`
		);
		await stopInstance(instance);
		const restartAt = Date.now();
		instance = await startInstance(instance.port, instance.databaseUrl);
		const page = await request(instance.base, path, token);
		report.check(
			'the killed instance starts again and serves the import page',
			page.status === 200,
			`ready after ${Date.now() - restartAt} ms, import page → ${page.status}`
		);
		// The kept upload lives in the database: the user can commit it again, on any instance.
		const retried = await request(base.base, `${path}?/commit`, token, {
			form: { upload: id },
			timeoutMs: 120_000
		});
		const [stored] =
			await sql`select count(*)::int as n from measurements m join kpis k on k.id = m.kpi_id where k.code like 'LOAD-%'`;
		report.check(
			'the same upload, committed again on the other instance, imports all rows',
			retried.status === 303 &&
				(retried.location ?? '').includes(`imported=${ROWS}.0.0`) &&
				stored?.n === ROWS,
			`commit on ${base.base} → ${retried.status} ${retried.location ?? ''}; rows stored: ${stored?.n}`
		);
	} finally {
		await stopInstance(instance);
	}
}
