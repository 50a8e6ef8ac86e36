// `npm start`: builds the app only when its sources changed since the last build, then serves
// it (scripts/serve.js). Rebuilding on every start cost 80–160 s on a loaded machine against a
// few seconds for serving the build. The stamp in build/ lists every source file's path, size
// and modification time; any difference (an edit, a checkout, a new dependency) rebuilds.
// Each build also gets the demo database as an archive (build/demo-data.tar.gz): a first start
// loads it instead of running initdb, the migrations and the demo seed (decision 0048).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = [
	'src',
	'static',
	'messages',
	'drizzle',
	'project.inlang/settings.json',
	'package-lock.json',
	'package.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json'
];
// Generated during the build from messages/ (listed above); its times change with every build.
const GENERATED = new Set(['src/lib/paraglide']);
const STAMP = 'build/.sources';
const SNAPSHOT = 'build/demo-data.tar.gz';

function fingerprint() {
	const hash = createHash('sha256');
	const visit = (path) => {
		if (GENERATED.has(path) || !existsSync(path)) return;
		const stat = statSync(path);
		if (stat.isDirectory()) {
			for (const name of readdirSync(path).sort()) visit(join(path, name));
		} else hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
	};
	for (const source of SOURCES) visit(source);
	return hash.digest('hex');
}

const current = fingerprint();
const built = existsSync('build/index.js') && existsSync(STAMP) && readFileSync(STAMP, 'utf8');
if (built === current && !process.env.FORCE_BUILD) {
	console.log('Build is up to date (FORCE_BUILD=1 rebuilds).');
} else {
	execFileSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	try {
		execFileSync('npx', ['tsx', 'scripts/demo-snapshot.ts', SNAPSHOT], { stdio: 'inherit' });
	} catch {
		// The app still starts: it seeds an empty database itself, as it did before the archive.
		console.warn('No demo database archive: an empty data folder is seeded at start instead.');
	}
	writeFileSync(STAMP, current);
}
await import('./serve.js');
