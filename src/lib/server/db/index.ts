import { env } from '../env';
import { openDatabase } from './client';
import type { DatabaseHandle, Db } from './types';
import { recordQuery } from '../ops/metrics';
import { applicationName } from '../ops/app-gauges';
import { noteStatement } from './statement-count';

let handle: DatabaseHandle | undefined;

function openConfigured(): Promise<DatabaseHandle> {
	const config = env();
	return openDatabase({
		databaseUrl: config.DATABASE_URL,
		dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR,
		initialData: config.DEMO_DATA === 'auto' ? config.DEMO_SNAPSHOT : undefined,
		poolMax: config.DATABASE_POOL_MAX,
		prepare: config.DATABASE_PREPARE === 'true',
		applicationName: applicationName(),
		onQuery: () => {
			recordQuery();
			noteStatement();
		}
	});
}

/** Opens the configured database once per process: PostgreSQL when DATABASE_URL is set, else PGlite. */
export async function connectAppDatabase(): Promise<DatabaseHandle> {
	if (handle) return handle;
	handle = await openConfigured();
	return handle;
}

/**
 * Swaps the server connection pool for a fresh one (a pool the driver left unable to write,
 * see hooks/database-unavailable.ts); requests keep the old pool only until it is closed.
 */
export async function reopenServerPool(): Promise<void> {
	if (handle?.kind !== 'postgres') return;
	const fresh = await openConfigured();
	const old = handle;
	handle = fresh;
	await old.close().catch(() => {});
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
