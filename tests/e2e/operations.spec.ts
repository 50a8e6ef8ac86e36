/**
 * Operating it (issue 19): two instances of the built app on one PostgreSQL database behind a
 * reverse proxy, as the README's production section sets them up. Needs DATABASE_URL.
 */
import { expect, test } from '@playwright/test';
import type { Server } from 'node:http';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/db/seed/index';
import { createUser } from '../../src/lib/server/auth/users';
import {
	logLines,
	specPort,
	startApp,
	startProxy,
	stopApp,
	waitReady,
	type AppProcess
} from './ops-cluster';

const ADMIN_URL = process.env.DATABASE_URL;
const run = promisify(execFile);
// Ports of this test's own processes, apart from the browser-test server's.
const PORT = {
	a: specPort(4461, 10),
	b: specPort(4462, 11),
	metricsA: specPort(4463, 12),
	proxy: specPort(4465, 14),
	refused: specPort(4466, 15)
};
const PUBLIC = `http://127.0.0.1:${PORT.proxy}`;
const EMAIL = 'betrieb@stadt.example';
const PASSWORD = 'Betriebs-Probe-2026!';

test.describe.configure({ mode: 'serial' });
test.skip(!ADMIN_URL, 'needs DATABASE_URL: both instances share one PostgreSQL database');

let admin: ReturnType<typeof postgres>;
let databaseUrl: string;
let dbName: string;
let userId: number;
let a: AppProcess;
let b: AppProcess;
let proxy: Server;

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dbName = `ikz_ops_${process.pid}_${Date.now().toString(36)}`;
	admin = postgres(ADMIN_URL!, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${dbName}"`);
	const url = new URL(ADMIN_URL!);
	url.pathname = `/${dbName}`;
	databaseUrl = url.toString();
	// A production database: reference data and one real account, no demo data.
	const handle = await openDatabase({ databaseUrl, poolMax: 2 });
	await handle.migrate();
	await seedDatabase(handle.db, { demo: false });
	const user = await createUser(handle.db, {
		email: EMAIL,
		displayName: 'Betrieb Probe',
		password: PASSWORD,
		roles: [{ role: 'observer', organisationId: null, fieldId: null }]
	});
	userId = user.id;
	await handle.close();

	await startInstances();
	proxy = await startProxy(PORT.proxy, [a.base, b.base]);
});

/** The README's two instances: same database and public origin, each its own port. */
async function startInstances() {
	const production = (port: number, metricsPort?: number) => ({
		NODE_ENV: 'production',
		DATABASE_URL: databaseUrl,
		ORIGIN: PUBLIC,
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		...(metricsPort ? { METRICS_PORT: String(metricsPort) } : {}),
		PORT: String(port)
	});
	a = startApp(PORT.a, production(PORT.a, PORT.metricsA));
	b = startApp(PORT.b, production(PORT.b));
	await Promise.all([waitReady(a), waitReady(b)]);
}

test.afterAll(async () => {
	proxy?.close();
	await Promise.all([a && stopApp(a), b && stopApp(b)]);
	if (admin) {
		await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
		await admin.end();
	}
});

test('both instances report alive and ready, directly and through the proxy, without a cookie', async () => {
	for (const base of [a.base, b.base, PUBLIC, PUBLIC]) {
		const health = await fetch(`${base}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		const ready = await fetch(`${base}/readyz`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ status: 'ready' });
		expect(ready.headers.get('set-cookie')).toBeNull();
		expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
	}
});

test('a login through the proxy works on both instances; the log names the user, never a secret', async ({
	page,
	context
}) => {
	await page.goto(`${PUBLIC}/login`);
	// Not a demo installation: no demo password, no demo accounts.
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(await page.content()).not.toContain('Demo-Ring-2026!');
	await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
	await page.getByLabel('Passwort').fill(PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();

	const posts = [a, b].map(
		(app) =>
			logLines(app).filter(
				(l) => l.msg === 'request' && l.method === 'POST' && l.route === '/login'
			).length
	);
	expect(posts[0]! + posts[1]!).toBe(1);

	// The session cookie is per host, so the browser presents it to each instance directly.
	for (const app of [a, b]) {
		const response = await page.goto(`${app.base}/`);
		expect(response?.status()).toBe(200);
		await expect(page.getByText(/Angemeldet als/)).toBeVisible();
		const id = response!.headers()['x-request-id'];
		const line = logLines(app).find((l) => l.requestId === id);
		expect(line).toMatchObject({ method: 'GET', route: '/', status: 200, userId });
		expect(typeof line!.durationMs).toBe('number');
	}

	const cookie = (await context.cookies()).find((c) => c.name === 'ikz_session');
	expect(cookie?.value.length).toBeGreaterThan(10);
	for (const app of [a, b]) {
		const log = [...app.stdout, ...app.stderr].join('\n');
		expect(log).not.toContain(PASSWORD);
		expect(log).not.toContain(cookie!.value);
	}
});

test('metrics: per route on the metrics port of loopback, not through the proxy', async () => {
	const body = await (await fetch(`http://127.0.0.1:${PORT.metricsA}/metrics`)).text();
	expect(body).toMatch(
		/ikz_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/
	);
	expect(body).toMatch(/ikz_http_request_duration_seconds_count\{method="GET",route="\/"\} 1/);
	expect(body).toMatch(/ikz_db_connections\{state="idle"\} \d+/);
	expect(body).toMatch(/^ikz_pending_imports 0$/m);
	expect(body).toMatch(/^ikz_db_queries_total \d+$/m);
	expect(body).toContain('process_cpu_user_seconds_total');
	expect((await fetch(`${PUBLIC}/metrics`)).status).toBe(404);
});

test("the README's restore drill: back up, change, stop, restore, start, ready, change gone", async ({
	page
}) => {
	test.setTimeout(120_000);
	const folder = mkdtempSync(join(tmpdir(), 'ikz-ops-drill-'));
	const file = join(folder, 'drill.dump');
	const npm = (script: string) =>
		run('npm', ['run', '--silent', script, '--', file], {
			env: { ...process.env, DATABASE_URL: databaseUrl }
		});
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		await npm('db:backup');
		await sql`update users set display_name = 'Umbenannt' where id = ${userId}`;
		await Promise.all([stopApp(a), stopApp(b)]);
		await npm('db:restore');
		await startInstances();
		// Through the proxy the load balancer reaches both restored instances: ready, schema current.
		for (const base of [a.base, b.base, PUBLIC, PUBLIC]) {
			const ready = await fetch(`${base}/readyz`);
			expect(ready.status).toBe(200);
			expect(await ready.json()).toEqual({ status: 'ready' });
		}
		// And the change made after the backup is gone, as a person signing in sees it.
		await page.goto(`${PUBLIC}/login`);
		await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
		await page.getByLabel('Passwort').fill(PASSWORD);
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page.getByText('Angemeldet als Betrieb Probe')).toBeVisible();
	} finally {
		await sql.end();
		rmSync(folder, { recursive: true, force: true });
	}
});

test('production without DATABASE_URL refuses to start, saying what to set', async () => {
	const refused = startApp(PORT.refused, { NODE_ENV: 'production' });
	try {
		expect(await refused.exited).toBe(1);
		expect(refused.stderr.join('\n')).toContain('DATABASE_URL: required when NODE_ENV=production');
		// No embedded database was created on the way.
		expect(existsSync(join(refused.dataDir, 'data'))).toBe(false);
	} finally {
		await stopApp(refused);
	}
});

test('an unexpected error page shows the request id that the log line carries', async ({
	page
}) => {
	await page.goto(`${PUBLIC}/login`);
	await page.getByLabel('E-Mail-Adresse').fill(EMAIL);
	await page.getByLabel('Passwort').fill(PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();
	// Break the start page's query (not the session's): the page fails, the layout still renders.
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	await sql`alter table cooperation_fields rename to cooperation_fields_gone`;
	await sql.end();

	const response = await page.goto(`${a.base}/`);
	expect(response?.status()).toBe(500);
	const id = response!.headers()['x-request-id']!;
	await expect(page.getByText(`Vorgangsnummer: ${id}`)).toBeVisible();
	const error = logLines(a).find((l) => l.requestId === id && l.level === 'error');
	expect(error).toMatchObject({ route: '/', err: { stack: expect.stringContaining('Error') } });
});
