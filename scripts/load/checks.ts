/** Checks after the fact, with SQL against the throwaway database, and the PASS/FAIL report. */
import type { Sql } from 'postgres';
import type { Ledger } from './ledger';
import { QUARTER, YEAR } from './setup';

export class Report {
	passed = 0;
	failed = 0;

	check(name: string, ok: boolean, detail = '') {
		if (ok) this.passed++;
		else this.failed++;
		console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
	}

	figure(line: string) {
		console.log(`      ${line}`);
	}
}

/** Every acknowledged value/state is in the database (or a later unacknowledged attempt is). */
export async function verifyLedger(sql: Sql, ledger: Ledger) {
	const rows = await sql<
		{ organisation_id: number; kpi_id: number; value: string; state: string; version: number }[]
	>`
		select organisation_id, kpi_id, value::text, state::text, version from measurements
		where year = ${YEAR} and quarter = ${QUARTER}`;
	const stored = new Map(rows.map((r) => [`${r.organisation_id}:${r.kpi_id}`, r]));
	const problems: string[] = [];
	let checked = 0;
	for (const [key, e] of ledger.entries) {
		if (e.acked === null) continue;
		checked++;
		const [kind, org, kpi] = key.split(':');
		const row = stored.get(`${org}:${kpi}`);
		const actual = row ? (kind === 'value' ? String(Number(row.value)) : row.state) : null;
		const accepted = [e.acked, ...e.uncertain];
		const versionOk = kind !== 'value' || e.uncertain.length > 0 || row?.version === e.version;
		if (actual === null || !accepted.includes(actual) || !versionOk)
			problems.push(
				`${key}: acknowledged ${e.acked} (v${e.version ?? '-'}), stored ${actual ?? 'nothing'} (v${row?.version ?? '-'})`
			);
	}
	return { checked, problems };
}
