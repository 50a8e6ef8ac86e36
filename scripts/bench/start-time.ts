/**
 * `npm start` as the README runs it (issue 18): seconds until the login page answers, once with
 * an empty data folder (cold: the demo database loaded from the build's archive, or migrated and
 * seeded where the build has none, decision 0048) and once more on the same data (warm). Needs
 * a build that is up to date with the sources: where the first start has to build (a fresh
 * clone), the cold start is timed again after it; a start that still builds is reported as such.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface StartFigure {
	kind: 'cold (empty data folder)' | 'warm';
	seconds: number;
	built: boolean;
	/** The machine's 1-minute load average when the app answered. */
	load: number;
}

async function startOnce(port: number, dataDir: string, kind: StartFigure['kind']) {
	const started = performance.now();
	// The embedded database, whatever the caller's environment names.
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	};
	delete env.DATABASE_URL;
	const server = spawn('node', ['scripts/start.js'], {
		env,
		stdio: ['ignore', 'pipe', 'inherit'],
		detached: true
	});
	let output = '';
	server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	try {
		for (;;) {
			const up = await fetch(`http://127.0.0.1:${port}/login`).then(
				(r) => r.ok,
				() => false
			);
			if (up) break;
			if (performance.now() - started > 600_000) throw new Error('npm start: no answer in 10 min');
			await new Promise((r) => setTimeout(r, 100));
		}
		const seconds = (performance.now() - started) / 1000;
		return {
			kind,
			seconds,
			built: !output.includes('Build is up to date'),
			load: loadavg()[0]!
		};
	} finally {
		// The whole group: start.js and anything it spawned.
		process.kill(-server.pid!, 'SIGTERM');
		await new Promise((r) => server.once('exit', r));
	}
}

export async function measureStart(port: number): Promise<StartFigure[]> {
	const dataDir = 'tmp/start-bench-data';
	rmSync(dataDir, { recursive: true, force: true });
	let cold = await startOnce(port, dataDir, 'cold (empty data folder)');
	if (cold.built) {
		// A fresh clone's first start builds (and writes the demo archive): that is a build, not
		// a start. Time the cold start again on the build it left.
		console.log(`npm start built first (${cold.seconds.toFixed(0)} s); timing it again`);
		rmSync(dataDir, { recursive: true, force: true });
		cold = await startOnce(port, dataDir, 'cold (empty data folder)');
	}
	const warm = await startOnce(port, dataDir, 'warm');
	return [cold, warm];
}
