import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Pass the handle explicitly, so a write inside a transaction cannot slip outside it. */
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
	db: Db;
	kind: 'postgres' | 'pglite';
	/** Human-readable target for messages, without credentials. */
	describe: string;
	/** Embedded only: the archive this database was created from at this start, if any. */
	loadedFrom?: string;
	/** Applies pending migrations; a second run does nothing. */
	migrate(): Promise<void>;
	close(): Promise<void>;
}
