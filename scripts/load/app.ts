/** Builds the app once into its own folder and starts/stops instances of it on given ports. */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BUILD_DIR = 'tmp/build-load';

/** Same lock as scripts/e2e-local.sh: others building at the same time never mix outputs. */
export function buildApp() {
	mkdirSync('tmp', { recursive: true });
	execSync(
		`flock tmp/build.lock bash -c "npx vite build --logLevel warn && rm -rf '${BUILD_DIR}' && cp -r build '${BUILD_DIR}'"`,
		{ stdio: ['ignore', 'ignore', 'inherit'] }
	);
}

export function hasBuild() {
	return existsSync(`${BUILD_DIR}/index.js`);
}

/** Every instance started and not yet stopped, so an interrupted run can stop them all. */
export const running = new Set<Instance>();

export interface Instance {
	port: number;
	base: string;
	databaseUrl: string;
	/** Its own DATA_DIR, never the working tree's ./data (unused with DATABASE_URL, kept apart anyway). */
	dataDir: string;
	child: ChildProcess;
	/** The process's output, for the report when it fails. */
	log: string[];
	exited: Promise<number | null>;
}

export async function startInstance(port: number, databaseUrl: string): Promise<Instance> {
	const base = `http://127.0.0.1:${port}`;
	const dataDir = mkdtempSync(join(tmpdir(), `ikz-load-app-${port}-`));
	const child = spawn('node', [BUILD_DIR], {
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			DATA_DIR: dataDir,
			DATABASE_POOL_MAX: '10',
			DEMO_DATA: 'never',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: base,
			BODY_SIZE_LIMIT: '25M',
			// The client address comes from this header, so the throttle test has its own address.
			ADDRESS_HEADER: 'x-forwarded-for'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log: string[] = [];
	// Each line with the time it arrived (ms since epoch), so the fault test can tell when.
	const keep = (chunk: Buffer) => {
		const now = Date.now();
		log.push(
			...chunk
				.toString()
				.split('\n')
				.filter(Boolean)
				.map((line) => `${now} ${line}`)
		);
		if (log.length > 5000) log.splice(0, log.length - 5000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	const instance = { port, base, databaseUrl, dataDir, child, log, exited };
	running.add(instance);
	await waitReady(instance);
	return instance;
}

export async function waitReady(instance: Instance, timeoutMs = 30_000) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (instance.child.exitCode !== null)
			throw new Error(`instance ${instance.port} exited:\n${instance.log.slice(-10).join('\n')}`);
		try {
			const r = await fetch(`${instance.base}/login`, { signal: AbortSignal.timeout(2000) });
			await r.text();
			if (r.status === 200) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`instance ${instance.port} not ready after ${timeoutMs} ms`);
}

export async function stopInstance(instance: Instance) {
	if (instance.child.exitCode === null && instance.child.signalCode === null) {
		instance.child.kill('SIGTERM');
		const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
		await instance.exited;
		clearTimeout(timer);
	}
	rmSync(instance.dataDir, { recursive: true, force: true });
	running.delete(instance);
}
