/**
 * npm run db:backup [-- <file>]
 * PostgreSQL (DATABASE_URL): pg_dump in its custom format, while the app runs.
 * Embedded (DATA_DIR): PGlite's dump of the data folder; stop the app first.
 * Default file: backups/ikz-<date>-<time>.dump (or .tar.gz for the embedded database).
 */
import { backupEmbedded, backupServer } from '../src/lib/server/ops/backup';
import { parseEnv } from '../src/lib/server/env';

async function main() {
	const env = parseEnv();
	const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
	const ext = env.DATABASE_URL ? 'dump' : 'tar.gz';
	const file = process.argv[2] ?? `backups/ikz-${stamp}.${ext}`;
	if (env.DATABASE_URL) await backupServer(env.DATABASE_URL, file);
	else await backupEmbedded(env.DATA_DIR, file);
	console.log(`Backup written: ${file}`);
}

main().catch((error: unknown) => {
	console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
