/**
 * Throughput of the built app on the bench database: an authenticated scorecard dashboard
 * against a trivial page of the same app, each under the same concurrent load.
 * The build is copied first (under the lock scripts/e2e-local.sh builds under), so another
 * build in the same tree cannot change the files mid-run. Node's fetch only.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface LoadResult {
	path: string;
	requests: number;
	errors: number;
	perSecond: number;
	p50: number;
	p95: number;
	/** The machine's 1-minute load average at the end of the run. */
	load?: number;
}

export interface ThroughputOptions {
	databaseUrl: string;
	port: number;
	concurrency: number;
	seconds: number;
	email: string;
	password: string;
	dashboard: string;
	trivial: string;
}

export const BUILD_COPY = 'tmp/bench-build';

/** Copies `build` to a folder of its own; false when there is no build. */
export function copyBuild(): boolean {
	if (!existsSync('build/index.js')) return false;
	mkdirSync('tmp', { recursive: true });
	execFileSync('flock', [
		'tmp/build.lock',
		'bash',
		'-c',
		`rm -rf '${BUILD_COPY}' && cp -r build '${BUILD_COPY}'`
	]);
	return true;
}

export async function waitFor(url: string) {
	for (let i = 0; i < 120; i++) {
		const up = await fetch(url).then(
			(r) => r.ok,
			() => false
		);
		if (up) return;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`the app did not answer on ${url}`);
}

/** Logs in through the login form's action, as a browser would; returns the session cookie. */
export async function logIn(base: string, email: string, password: string): Promise<string> {
	const body = new URLSearchParams({ email, password, redirectTo: '/' });
	const response = await fetch(`${base}/login?/login`, {
		method: 'POST',
		body,
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' }
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.find((c) => c.startsWith('ikz_session='));
	// Without `accept: text/html` SvelteKit answers the action's redirect as JSON (200).
	if (response.status >= 400 || !cookie) {
		throw new Error(`login as ${email} failed: ${response.status}`);
	}
	return cookie;
}

/** `concurrency` clients, each sending its next request when the last answer is read. */
async function load(
	url: string,
	cookie: string,
	concurrency: number,
	seconds: number
): Promise<Omit<LoadResult, 'path'>> {
	const times: number[] = [];
	let errors = 0;
	const end = performance.now() + seconds * 1000;
	const client = async () => {
		while (performance.now() < end) {
			const start = performance.now();
			try {
				const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
				await response.arrayBuffer();
				if (response.status !== 200) errors++;
			} catch {
				errors++;
			}
			times.push(performance.now() - start);
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: concurrency }, client));
	const elapsed = (performance.now() - started) / 1000;
	times.sort((a, b) => a - b);
	return {
		requests: times.length,
		errors,
		perSecond: times.length / elapsed,
		p50: times[Math.floor(times.length * 0.5)] ?? 0,
		p95: times[Math.floor(times.length * 0.95)] ?? 0
	};
}

/** Starts the copied build, logs in, loads the dashboard and the trivial page in turn. */
export async function measureThroughput(options: ThroughputOptions): Promise<LoadResult[]> {
	const base = `http://127.0.0.1:${options.port}`;
	const server = spawn('node', [BUILD_COPY], {
		env: {
			...process.env,
			DATABASE_URL: options.databaseUrl,
			HOST: '127.0.0.1',
			PORT: String(options.port),
			ORIGIN: base,
			DATA_DIR: 'tmp/bench-data'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	try {
		await waitFor(`${base}/barrierefreiheit`);
		const cookie = await logIn(base, options.email, options.password);
		const results: LoadResult[] = [];
		for (const path of [options.dashboard, options.trivial]) {
			// A short warm-up, so both start with compiled code and open connections.
			await load(base + path, cookie, options.concurrency, 1);
			const result = await load(base + path, cookie, options.concurrency, options.seconds);
			results.push({ path, ...result, load: loadavg()[0]! });
		}
		return results;
	} finally {
		server.kill('SIGTERM');
	}
}
