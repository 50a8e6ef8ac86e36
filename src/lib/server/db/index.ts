import { env } from '../env';
import { openDatabase } from './client';
import type { DatabaseHandle, Db } from './types';

let handle: DatabaseHandle | undefined;

/** Opens the configured database once per process: PostgreSQL when DATABASE_URL is set, else PGlite. */
export async function connectAppDatabase(): Promise<DatabaseHandle> {
	if (handle) return handle;
	const config = env();
	handle = await openDatabase({
		databaseUrl: config.DATABASE_URL,
		dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
		poolMax: config.DATABASE_POOL_MAX
	});
	return handle;
}

/** The app's database; startup opens it before the first request is served. */
export function appDb(): Db {
	if (!handle) throw new Error('Database not started: connectAppDatabase() runs in the init hook.');
	return handle.db;
}

export async function closeAppDatabase(): Promise<void> {
	const closing = handle;
	handle = undefined;
	await closing?.close();
}

export type { Db, DbOrTx, Tx } from './types';
