/**
 * npm run db:seed [-- --demo]
 * Applies migrations, then seeds reference data; with --demo also demo scorecards and values.
 * Safe to repeat: existing rows are kept.
 */
import { openDatabase } from '../src/lib/server/db/client';
import { seedDatabase } from '../src/lib/server/db/seed/index';
import { parseEnv } from '../src/lib/server/env';

const USAGE = 'Usage: npm run db:seed [-- --demo]';

function parseArgs(args: readonly string[]): { demo: boolean } {
	const unknown = args.filter((a) => a !== '--demo');
	if (unknown.length > 0) throw new Error(`Unknown argument ${unknown.join(' ')}. ${USAGE}`);
	return { demo: args.includes('--demo') };
}

function oneLine(message: string): string {
	return message
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.join(' ');
}

async function main(): Promise<void> {
	const { demo } = parseArgs(process.argv.slice(2));
	const env = parseEnv();
	const handle = await openDatabase({
		databaseUrl: env.DATABASE_URL,
		dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR
	});
	try {
		await handle.migrate();
		const started = performance.now();
		const summary = await seedDatabase(handle.db, { demo });
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(
			`Seeded ${handle.describe}${demo ? ' with demo data' : ''} in ${seconds} s: ` +
				`${summary.organisations} organisations, ${summary.kpis} KPIs, ` +
				`${summary.scorecards} scorecards, ${summary.measurements} values.`
		);
	} finally {
		await handle.close();
	}
}

main().catch((error: unknown) => {
	const message = error instanceof Error ? error.message : String(error);
	console.error(`Seeding failed: ${oneLine(message)}`);
	process.exit(1);
});
