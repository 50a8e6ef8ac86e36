// `npm run db:migrate`: applies pending migrations to the configured database; a second run does nothing.
import { parseEnv } from '../src/lib/server/env';
import { openDatabase } from '../src/lib/server/db/client';
import { describeStartupError } from '../src/lib/server/app/startup-errors';

async function main() {
	const env = parseEnv();
	const handle = await openDatabase({
		databaseUrl: env.DATABASE_URL,
		dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR
	});
	try {
		await handle.migrate();
		console.log(`Migrations applied: ${handle.describe}`);
	} finally {
		await handle.close();
	}
}

main().catch((error) => {
	console.error(`Migration failed: ${describeStartupError(error)}`);
	process.exit(1);
});
