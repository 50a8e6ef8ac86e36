/** Two built app instances on one PostgreSQL database behind a small round-robin reverse proxy. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProxyServer } from 'http-proxy-3';

export const BUILD_DIR = process.env.BUILD_DIR ?? 'build';

/**
 * A port of a spec's own processes: the README's fixed one, or, when PW_PORT moved the run's
 * ports, PW_PORT + offset, so two runs side by side do not take each other's ports.
 */
export const specPort = (fixed: number, offset: number): number =>
	process.env.PW_PORT ? Number(process.env.PW_PORT) + offset : fixed;

export interface AppProcess {
	port: number;
	base: string;
	child: ChildProcess;
	stdout: string[];
	stderr: string[];
	exited: Promise<number | null>;
	dataDir: string;
}

/** Starts `node build` with the given variables (and nothing of the test's own DATABASE_URL). */
export function startApp(port: number, env: Record<string, string>): AppProcess {
	const dataDir = mkdtempSync(join(tmpdir(), `ikz-ops-${port}-`));
	const child = spawn('node', [BUILD_DIR], {
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: join(dataDir, 'data'),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return watch(port, child, dataDir);
}

/**
 * Starts the built app on a copy of this run's demo data, as the browser-test servers start
 * (scripts/e2e-server.sh: a copy of the seeded template, a database of its own on PostgreSQL),
 * with the given variables on top (e.g. SMTP_URL): for a spec that needs the demo with a setting
 * the shared servers do not have.
 */
export function startDemoApp(port: number, env: Record<string, string>): AppProcess {
	const dataDir = mkdtempSync(join(tmpdir(), `ikz-demo-${port}-`));
	const pass = (name: string) => (process.env[name] ? { [name]: process.env[name] } : {});
	const child = spawn('bash', ['scripts/e2e-server.sh'], {
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			...pass('DATABASE_URL'),
			...pass('E2E_RUN'),
			...pass('BUILD_DIR'),
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			DATA_DIR: join(dataDir, 'data'),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return watch(port, child, dataDir);
}

function watch(port: number, child: ChildProcess, dataDir: string): AppProcess {
	const stdout: string[] = [];
	const stderr: string[] = [];
	child.stdout!.on('data', (c: Buffer) => stdout.push(...c.toString().split('\n').filter(Boolean)));
	child.stderr!.on('data', (c: Buffer) => stderr.push(...c.toString().split('\n').filter(Boolean)));
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	return { port, base: `http://127.0.0.1:${port}`, child, stdout, stderr, exited, dataDir };
}

export async function waitReady(app: AppProcess, timeoutMs = 60_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (app.child.exitCode !== null)
			throw new Error(`app on ${app.port} exited: ${app.stderr.join('\n')}`);
		try {
			if ((await fetch(`${app.base}/readyz`)).status === 200) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`app on ${app.port} not ready: ${app.stderr.join('\n')}`);
}

export async function stopApp(app: AppProcess) {
	if (app.child.exitCode === null && app.child.signalCode === null) {
		app.child.kill('SIGTERM');
		const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
		await app.exited;
		clearTimeout(timer);
	}
	rmSync(app.dataDir, { recursive: true, force: true });
}

/** The JSON lines an instance wrote to stdout (its log). */
export const logLines = (app: AppProcess): Record<string, unknown>[] =>
	app.stdout.flatMap((line) => {
		try {
			return [JSON.parse(line) as Record<string, unknown>];
		} catch {
			return [];
		}
	});

/**
 * A reverse proxy as an operator runs one (nginx in the README): requests alternate between
 * the instances, with X-Forwarded-For/-Proto/-Host set, so an instance sees the client address.
 */
export function startProxy(port: number, targets: string[]): Promise<Server> {
	const proxy = createProxyServer({ xfwd: true });
	let next = 0;
	const server = createServer((req, res) => {
		const target = targets[next++ % targets.length]!;
		proxy.web(req, res, { target }, () => {
			res.writeHead(502).end('bad gateway');
		});
	});
	return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
