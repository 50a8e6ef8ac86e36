/**
 * `npm run test:load`: 100 simulated users against two instances of the built app on a
 * throwaway PostgreSQL cluster, then faults (database restart, import killed mid-commit).
 * Options: --duration <s> (steady load, default 60), --fault-duration <s> (default 30),
 * --think <min-max ms> (pause of a user between requests, default 3000-9000), --skip-build
 * (reuse tmp/build-load). Loopback only; everything started is stopped at the end.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { buildApp, hasBuild, running, startInstance, stopInstance, type Instance } from './app';
import { Report, verifyLedger } from './checks';
import { createCluster, type Cluster } from './cluster';
import { login } from './http';
import { importKillCheck } from './import-kill';
import { Ledger } from './ledger';
import { faultPhase } from './fault';
import { runPhase, type PhaseSetup, type Tokens } from './phase';
import type { ReleaseWork } from './scenarios';
import { createAccounts, makePlan, PASSWORD, QUARTER, YEAR } from './setup';
import { lockCheck, sessionCheck, throttleCheck } from './two-instances';

const { values: args } = parseArgs({
	options: {
		duration: { type: 'string', default: '60' },
		'fault-duration': { type: 'string', default: '30' },
		think: { type: 'string', default: '3000-9000' },
		'skip-build': { type: 'boolean', default: false }
	}
});
const USERS = { controllers: 60, approvers: 20, mayors: 20 };
const PORTS = [4301, 4302];

function freePort(from: number): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(freePort(from + 1)));
		server.listen(from, '127.0.0.1', () => server.close(() => resolve(from)));
	});
}

const report = new Report();
let cluster: Cluster | undefined;
const instances: Instance[] = [];
let sql: postgres.Sql | undefined;

async function cleanup() {
	await Promise.all([...running].map((i) => stopInstance(i)));
	await sql?.end({ timeout: 2 }).catch(() => {});
	cluster?.remove();
}
process.once('SIGINT', () => {
	console.log('\nInterrupted: stopping the app instances and removing the test cluster …');
	void cleanup().then(() => process.exit(130));
});

async function main() {
	const t0 = Date.now();
	if (!args['skip-build'] || !hasBuild()) {
		console.log('Building the app …');
		buildApp();
	}
	const pgPort = await freePort(55432);
	cluster = createCluster(pgPort);
	await cluster.start();
	console.log(`Throwaway PostgreSQL cluster on 127.0.0.1:${pgPort}; seeding demo data …`);
	execFileSync('psql', [
		'-h',
		'127.0.0.1',
		'-p',
		String(pgPort),
		'-U',
		'postgres',
		'-qc',
		'create database ikz_load'
	]);
	execFileSync('npx', ['tsx', 'scripts/seed.ts', '--demo'], {
		env: { ...process.env, DATABASE_URL: cluster.url },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	sql = postgres(cluster.url, { max: 4, onnotice: () => {} });
	await createAccounts(sql);
	const plan = await makePlan(sql, USERS.controllers, USERS.approvers);
	const stored = await sql<
		{ organisation_id: number; kpi_id: number; value: string; comment: string }[]
	>`
		select organisation_id, kpi_id, value::text, comment from measurements where year = ${YEAR} and quarter = ${QUARTER}`;
	const work: ReleaseWork[] = plan.releaseTargets.map((t) => {
		const row = stored.find((r) => r.organisation_id === t.organisationId && r.kpi_id === t.kpiId)!;
		// A comment answers the plausibility hints that would otherwise block the submit.
		const comment = row.comment || 'Lasttest: Wert geprüft';
		return { ...t, value: String(Number(row.value)).replace('.', ','), comment, state: 'released' };
	});
	for (const port of PORTS) instances.push(await startInstance(port, cluster.url));
	const [a, b] = instances as [Instance, Instance];
	console.log(`App instances on :${a.port} and :${b.port}\n`);

	// Each account logs in once; its session is shared by several simulated users on both instances.
	const tokens: Tokens = {
		controller: new Map(),
		approver: new Map(),
		mayor: new Map(),
		observer: ''
	};
	const logIn = async (email: string) => {
		const { token, answer } = await login(a.base, email, PASSWORD);
		if (!token) throw new Error(`login ${email} failed: ${answer.status}`);
		return token;
	};
	for (const [list, map] of [
		[plan.controllers, tokens.controller],
		[plan.approvers, tokens.approver],
		[plan.mayors, tokens.mayor]
	] as const)
		for (const acc of list) map.set(acc.city, await logIn(acc.email));
	tokens.observer = await logIn('staedtetag@demo.ikz-nrw.de');

	const ledger = new Ledger();
	const lockTarget = plan.lockTarget;
	await sessionCheck(
		report,
		a,
		b,
		`load.controller.${lockTarget.city}@load.test`,
		`/cities/${lockTarget.city}/${lockTarget.field}/entry?q=${YEAR}-${QUARTER}`
	);
	await lockCheck(report, a, b, tokens.controller.get(lockTarget.city)!, lockTarget, ledger);
	await throttleCheck(report, sql, a, b, 'feldleitung.d115@demo.ikz-nrw.de');

	const db = sql;
	const setup: PhaseSetup = {
		instances,
		plan,
		work,
		tokens,
		users: USERS,
		ledger,
		thinkMs: args.think.split('-').map(Number) as [number, number],
		storedState: async (t) => {
			const [row] = await db`select state::text from measurements
				where organisation_id = ${t.organisationId} and kpi_id = ${t.kpiId} and year = ${YEAR} and quarter = ${QUARTER}`;
			return row?.state as ReleaseWork['state'];
		}
	};
	const users = USERS.controllers + USERS.approvers + USERS.mayors;
	const seconds = Number(args.duration);
	console.log(
		`\nSteady load: ${users} users (think time ${args.think} ms) for ${seconds} s on both instances …`
	);
	const steady = await runPhase(setup, seconds);
	for (const line of steady.stats.table(steady.seconds)) report.figure(line);
	report.check(
		`${users} concurrent users for ${seconds} s: 0 errors`,
		steady.stats.errorTotal === 0 && steady.stats.total > 0,
		`${steady.stats.total} requests, ${steady.stats.errorTotal} errors${steady.stats.errors.length ? `: ${steady.stats.errors.slice(0, 3).join(' | ')}` : ''}`
	);

	await faultPhase(report, setup, cluster, Number(args['fault-duration']));

	const verified = await verifyLedger(db, ledger);
	report.check(
		'every acknowledged write is in the database with the acknowledged value',
		verified.problems.length === 0 && verified.checked > 0,
		`${ledger.acknowledged} acknowledged writes on ${verified.checked} values checked${verified.problems.length ? `; ${verified.problems.slice(0, 3).join(' | ')}` : ''}`
	);

	await importKillCheck(report, db, a, tokens.controller, plan);

	console.log(`\nTotal time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main()
	.catch((e) => {
		report.check('harness ran to the end', false, String(e?.stack ?? e));
		for (const i of instances)
			if (i.log.length) console.log(`--- log :${i.port}\n${i.log.slice(-15).join('\n')}`);
	})
	.finally(async () => {
		await cleanup();
		console.log(`\n${report.passed} passed, ${report.failed} failed`);
		process.exit(report.failed ? 1 : 0);
	});
