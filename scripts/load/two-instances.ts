/** Two app instances on one database: sessions, optimistic locks and the login throttle are shared. */
import type { Sql } from 'postgres';
import type { Instance } from './app';
import type { Report } from './checks';
import { login, request } from './http';
import type { Ledger } from './ledger';
import { valueKey, versionIn } from './scenarios';
import { PASSWORD, QUARTER, YEAR, type ValueTarget } from './setup';

export async function sessionCheck(
	report: Report,
	a: Instance,
	b: Instance,
	email: string,
	path: string
) {
	const { token } = await login(a.base, email, PASSWORD);
	const onB = token ? await request(b.base, path, token) : null;
	report.check(
		'session from instance A works on instance B',
		onB?.status === 200 && onB.body.includes('name="kpi"'),
		`login on :${a.port} ${token ? 'ok' : 'failed'}, entry grid on :${b.port} → ${onB?.status ?? '-'}`
	);
}

/** Two saves of one value with the same version, one through each instance, at the same moment. */
export async function lockCheck(
	report: Report,
	a: Instance,
	b: Instance,
	token: string,
	t: ValueTarget,
	ledger: Ledger,
	rounds = 5
) {
	const path = `/cities/${t.city}/${t.field}/entry?q=${YEAR}-${QUARTER}`;
	const outcomes: string[] = [];
	let good = 0;
	for (let round = 0; round < rounds; round++) {
		const page = await request(a.base, path, token);
		const version = versionIn(page.body, t.kpiId);
		if (version === null) {
			outcomes.push('no grid');
			continue;
		}
		const save = (base: string, value: string) =>
			request(base, `${path}&/save`, token, {
				enhance: true,
				form: {
					kpi: String(t.kpiId),
					[`value_${t.kpiId}`]: value,
					[`comment_${t.kpiId}`]: '',
					[`version_${t.kpiId}`]: String(version)
				}
			});
		const values = [String(1000 + round * 2), String(1001 + round * 2)] as const;
		const [ra, rb] = await Promise.all([save(a.base, values[0]), save(b.base, values[1])]);
		const wins = [ra, rb].filter((r) => r.status === 200 && r.type === 'success');
		const conflicts = [ra, rb].filter((r) => r.type === 'failure' && r.actionStatus === 409);
		if (wins.length === 1 && conflicts.length === 1) good++;
		if (wins.length === 1) ledger.ack(valueKey(t), values[ra === wins[0] ? 0 : 1], version + 1);
		outcomes.push(
			`${ra.type} ${ra.actionStatus ?? ra.status}/${rb.type} ${rb.actionStatus ?? rb.status}`
		);
	}
	report.check(
		'optimistic lock across instances: exactly one of two simultaneous saves wins, the other gets 409',
		good === rounds,
		`${good}/${rounds} rounds (A/B: ${outcomes.join(', ')})`
	);
}

/**
 * Failed logins alternate between the instances; both count into one throttle row (the pair of
 * account and address). After the seventh the next try must wait 4 s (1, 2, 4 … from the fifth
 * failure on), so the right password sent at once is refused on B.
 */
export async function throttleCheck(
	report: Report,
	sql: Sql,
	a: Instance,
	b: Instance,
	email: string
) {
	const address = '10.9.9.9';
	const statuses: number[] = [];
	for (let i = 0; i < 7; i++) {
		const { answer } = await login(i % 2 ? b.base : a.base, email, 'wrong-password-1', address);
		statuses.push(answer.status);
	}
	const key = `pair:${address}/${email.toLowerCase()}`;
	const [row] = await sql`select failures from login_throttle where key = ${key}`;
	const right = await login(b.base, email, PASSWORD, address);
	report.check(
		'login throttle across instances: 7 failures (4 on A, 3 on B) count as 7, the right password is then refused on B',
		row?.failures === 7 && right.answer.status === 429 && right.token === null,
		`failed logins ${statuses.join(',')}; counter ${row?.failures ?? '-'}; right password → ${right.answer.status}`
	);
}
