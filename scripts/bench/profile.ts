/**
 * Where the server spends its CPU on one page (issue 18): the bench's build copy
 * (tmp/bench-build, run `npm run bench` or copy `build` first) under `node --cpu-prof` against
 * ikz_bench, Köln's mayor logged in, two clients asking for the page for SECONDS seconds with a
 * browser's Accept-Encoding; then the functions with the most self time.
 *
 *   BENCH_PORT=4407 npx tsx scripts/bench/profile.ts '/compare/heatmap?field=…' [seconds]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { BUILD_COPY, logIn, waitFor } from './throughput';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
const port = Number(process.env.BENCH_PORT ?? 4207);
const [path, secondsArg] = process.argv.slice(2);
if (!path) throw new Error('usage: profile.ts <path> [seconds]');
const seconds = Number(secondsArg ?? 20);
const dir = 'tmp/profile';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const base = `http://127.0.0.1:${port}`;
const spawned = performance.now();
const child = spawn('node', ['--cpu-prof', `--cpu-prof-dir=${dir}`, BUILD_COPY], {
	env: {
		...process.env,
		DATABASE_URL: `${server}/ikz_bench`,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: base,
		DATA_DIR: 'tmp/bench-data',
		LOG_LEVEL: 'warn'
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
const exited = new Promise((resolve) => child.on('exit', resolve));
let requests = 0;
/** Start-up, login and warm-up: left out of the figures (module loading, JIT). */
let warmMs = 0;
try {
	await waitFor(`${base}/barrierefreiheit`);
	const cookie = await logIn(base, 'ob.koeln@demo.ikz-nrw.de', 'Demo-Ring-2026!');
	for (let i = 0; i < 5; i++)
		await fetch(base + path, { headers: { cookie } }).then((r) => r.arrayBuffer());
	warmMs = performance.now() - spawned;
	const end = performance.now() + seconds * 1000;
	const client = async () => {
		while (performance.now() < end) {
			const r = await fetch(base + path, { headers: { cookie, 'accept-encoding': 'br, gzip' } });
			await r.arrayBuffer();
			if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
			requests++;
		}
	};
	await Promise.all([client(), client()]);
} finally {
	child.kill('SIGTERM');
	await exited;
}

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
const profile = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let total = 0;
let elapsed = 0;
profile.samples.forEach((id, i) => {
	elapsed += profile.timeDeltas[i] ?? 0;
	if (elapsed < warmMs * 1000) return;
	const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
	const where = url
		? `${url.replace(/^.*\/(node_modules|tmp\/bench-build)\//, '$1/')}:${lineNumber + 1}`
		: '';
	const key = `${functionName || '(anonymous)'} ${where}`.trim();
	const dt = profile.timeDeltas[i] ?? 0;
	self.set(key, (self.get(key) ?? 0) + dt);
	total += dt;
});
console.log(
	`${path}: ${requests} requests in ${seconds} s; ${(total / 1000).toFixed(0)} ms sampled`
);
console.log(`profile: ${dir}/${file}\nself time, top 25:`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
	console.log(
		`${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`
	);
