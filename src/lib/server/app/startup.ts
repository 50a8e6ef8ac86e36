import { count } from 'drizzle-orm';
import { env } from '../env';
import { closeAppDatabase, connectAppDatabase } from '../db';
import { organisations } from '../db/schema';
import { seedDatabase } from '../db/seed';
import { ensureDirectory } from '../directory/seed';
import { describeStartupError } from './startup-errors';
import { logger } from '../ops/logger';

/**
 * Brings the database to the current schema before the first request. An empty embedded
 * database gets the demo data, so `npm start` on a fresh machine shows a working product.
 */
export async function startApp(
	log: (line: string) => void = (line) => logger().info(line)
): Promise<void> {
	const config = env();
	const handle = await connectAppDatabase();
	await handle.migrate();
	if (handle.loadedFrom) log(`Demo data loaded from ${handle.loadedFrom}`);
	if (handle.kind === 'pglite' && config.DEMO_DATA === 'auto') {
		const [row] = await handle.db.select({ n: count() }).from(organisations);
		if (row?.n === 0) {
			const started = Date.now();
			const summary = await seedDatabase(handle.db, { demo: true });
			log(`Demo data seeded (${summary.measurements} values) in ${Date.now() - started} ms`);
		}
	}
	// Reference data, not demo data: every database holds the official directory (decision 0029).
	if (await ensureDirectory(handle.db)) log('Official directory of NRW municipalities seeded');
	log(`Database ready: ${handle.describe}`);
}

/** For the init hook: a failed start prints one readable message and exits non-zero. */
export async function startAppOrExit(): Promise<void> {
	try {
		await startApp();
	} catch (error) {
		// Also on stderr as plain text: a person starting it by hand reads this line.
		const message = `IKZ Scorecard could not start: ${describeStartupError(error)}`;
		console.error(message);
		await closeAppDatabase().catch(() => {});
		process.exit(1);
	}
}
