/**
 * A throwaway PostgreSQL cluster for the load test: its own data folder and port, so the
 * fault test may stop and start it without touching the shared server others use.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
	url: string;
	port: number;
	/** Async: the harness keeps sending requests while the server stops and starts. */
	start(): Promise<void>;
	stop(): Promise<void>;
	remove(): void;
}

function binDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	const [newest] = versions;
	if (!newest) throw new Error(`No PostgreSQL binaries in ${root}/*/bin`);
	return join(root, newest, 'bin');
}

/** initdb and pg_ctl refuse to run as root: run them as the `postgres` OS user then. */
function command(bin: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
		: [bin, args];
}

function run(bin: string, args: string[]) {
	execFileSync(...command(bin, args), { stdio: ['ignore', 'ignore', 'pipe'] });
}

const runAsync = (bin: string, args: string[]) => promisify(execFile)(...command(bin, args));

export function createCluster(port: number): Cluster {
	const bin = binDir();
	const dir = mkdtempSync(join(tmpdir(), 'ikz-load-pg-'));
	chmodSync(dir, 0o777);
	const data = join(dir, 'data');
	const log = join(dir, 'pg.log');
	if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
	run(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'--no-sync',
		'-E',
		'UTF8',
		'--locale=C.UTF-8'
	]);
	const opts = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`;
	let running = false;
	const cluster: Cluster = {
		url: `postgres://postgres@127.0.0.1:${port}/ikz_load`,
		port,
		async start() {
			running = true;
			await runAsync(join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', opts, '-w', 'start']);
		},
		async stop() {
			// "fast": ends open connections at once, as a restart by an operator would.
			await runAsync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
			running = false;
		},
		remove() {
			if (running) {
				spawnSync(...command(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']), {
					stdio: 'ignore'
				});
				running = false;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
	return cluster;
}
