/**
 * Run by `npm start` after it builds (scripts/start.js): the demo database as an archive beside
 * the build, so a first start loads it instead of seeding (decision 0048).
 * Usage: tsx scripts/demo-snapshot.ts <file>
 */
import { writeDemoSnapshot } from '../src/lib/server/db/demo-snapshot';

const file = process.argv[2];
if (!file) {
	console.error('Usage: tsx scripts/demo-snapshot.ts <file>');
	process.exit(1);
}
const started = performance.now();
await writeDemoSnapshot(file);
console.log(
	`Demo database written to ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s`
);
