/** PostgreSQL stopped and started again under load: clear 503s meanwhile, recovery without app restart. */
import type { Report } from './checks';
import type { Cluster } from './cluster';
import { runPhase, type PhaseSetup } from './phase';

const DOWN_SECONDS = 5;
/**
 * Longest acceptable answer while the database is away ("not a hang": a hanging request would
 * wait for the client's 30 s timeout). The pool's connect_timeout is 10 s; a refused connection
 * answers at once, but on a shared 2-core machine normal answers already queue for seconds.
 */
const MAX_OUTAGE_ANSWER_MS = 10_000;
const MAX_RECOVERY_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function faultPhase(
	report: Report,
	setup: PhaseSetup,
	cluster: Cluster,
	seconds: number
) {
	const pids = setup.instances.map((i) => i.child.pid);
	let stopAt = 0;
	let downAt = 0;
	let readyAt = 0;
	console.log(
		`\nDatabase restart under load: ${seconds} s, PostgreSQL down for ${DOWN_SECONDS} s …`
	);
	const result = await runPhase(setup, seconds, async () => {
		await sleep(Math.max(3, seconds * 0.3) * 1000);
		stopAt = Date.now();
		await cluster.stop();
		downAt = Date.now();
		await sleep(DOWN_SECONDS * 1000);
		await cluster.start();
		readyAt = Date.now();
	});
	for (const line of result.stats.table(result.seconds)) report.figure(line);
	// Answered before the stop: a real error. Sent after the database was back: not yet recovered.
	const before = result.failures.filter((f) => f.at + f.ms < stopAt);
	const outage = result.failures.filter((f) => f.at + f.ms >= stopAt);
	const unclean = outage.filter((f) => !f.clean);
	const byTime = [...outage].sort((x, y) => x.ms - y.ms);
	const slowest = byTime.at(-1)?.ms ?? 0;
	const median = byTime[Math.floor(byTime.length / 2)]?.ms ?? 0;
	const lastFailure = Math.max(readyAt, ...outage.map((f) => f.at));
	const firstSuccess =
		result.successes.filter((t) => t >= readyAt).sort((x, y) => x - y)[0] ?? Infinity;
	report.figure(
		`stop took ${downAt - stopAt} ms, down ${DOWN_SECONDS} s, start took ${readyAt - downAt - DOWN_SECONDS * 1000} ms; ` +
			`${outage.length} requests failed during the outage: answer time median ${median.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms (${byTime.at(-1)?.detail.slice(0, 40) ?? '-'})`
	);
	report.figure(
		`recovery after PostgreSQL was back: first successful request sent ${(firstSuccess - readyAt).toFixed(0)} ms after, last failed request sent ${(lastFailure - readyAt).toFixed(0)} ms after`
	);
	report.check(
		'database restart: requests during the outage get 503 with the German message, quickly (no hang)',
		before.length === 0 &&
			outage.length > 0 &&
			unclean.length === 0 &&
			slowest < MAX_OUTAGE_ANSWER_MS,
		`${outage.length - unclean.length}/${outage.length} clean 503s, slowest ${slowest.toFixed(0)} ms` +
			(before.length ? `; ${before.length} errors before the stop` : '') +
			(unclean.length
				? `; e.g. ${unclean
						.slice(0, 3)
						.map((f) => f.detail)
						.join(' | ')}`
				: '')
	);
	// Why the app answered 503 after the database was back, from the instances' logs.
	const late = new Map<string, number>();
	for (const i of setup.instances)
		for (const line of i.log) {
			// "<arrival ms> <JSON log line>"; the app logs each failed request at warn.
			const m = /^(\d+) (\{.*"msg":"database unavailable".*\})$/.exec(line);
			if (!m || Number(m[1]) <= readyAt) continue;
			const reason = String((JSON.parse(m[2]!) as { reason?: string }).reason).slice(0, 90);
			late.set(reason, (late.get(reason) ?? 0) + 1);
		}
	for (const [reason, n] of late) report.figure(`after the database was back, ${n}× ${reason}`);
	const unawaited = setup.instances.reduce(
		(n, i) => n + i.log.filter((l) => l.includes('unawaited query')).length,
		0
	);
	if (unawaited)
		report.figure(`${unawaited} rejected queries nobody awaited were logged (and survived)`);
	for (const i of setup.instances)
		if (i.child.exitCode !== null || i.child.signalCode !== null)
			report.figure(
				`instance :${i.port} ended (${i.child.exitCode ?? i.child.signalCode}):\n${i.log.slice(-12).join('\n')}`
			);
	const sameProcesses = setup.instances.every(
		(i, n) => i.child.pid === pids[n] && i.child.exitCode === null
	);
	report.check(
		`database restart: the app recovers by itself within ${MAX_RECOVERY_MS / 1000} s`,
		sameProcesses &&
			lastFailure - readyAt < MAX_RECOVERY_MS &&
			firstSuccess - readyAt < MAX_RECOVERY_MS,
		`same processes: ${sameProcesses}; no failure later than ${(lastFailure - readyAt).toFixed(0)} ms after the database was back`
	);
}
