/**
 * npm run db:restore -- <file>
 * Replaces the configured database's content with a backup from `npm run db:backup`.
 * Stop every app instance first; start them again afterwards (they migrate if the backup is older).
 */
import { restoreEmbedded, restoreServer } from '../src/lib/server/ops/backup';
import { parseEnv } from '../src/lib/server/env';

async function main() {
	const file = process.argv[2];
	if (!file) throw new Error('Usage: npm run db:restore -- <backup file>');
	const env = parseEnv();
	if (env.DATABASE_URL) {
		await restoreServer(env.DATABASE_URL, file);
		console.log(`Restored ${file} into the PostgreSQL database.`);
	} else {
		const keptAs = await restoreEmbedded(env.DATA_DIR, file);
		console.log(
			`Restored ${file} into ${env.DATA_DIR}.` +
				(keptAs ? ` The previous data is in ${keptAs}.` : '')
		);
	}
}

main().catch((error: unknown) => {
	console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
