import { PGlite } from '@electric-sql/pglite';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock';
import { migrateEmbedded, migrateServer } from './migrate';
import * as schema from './schema';
import type { DatabaseHandle, Db } from './types';

export interface DatabaseConfig {
	databaseUrl?: string;
	/** Folder of the embedded database; omitted: in memory (tests). */
	dataDir?: string;
	poolMax?: number;
	/** Names the connections in pg_stat_activity (the metrics count this process's pool there). */
	applicationName?: string;
	/**
	 * PostgreSQL only: send every statement as a named prepared statement, kept per connection,
	 * so the server parses and plans it once; false: none, not even those built with `.prepare(name)`.
	 */
	prepare?: boolean;
	/** Called with every SQL statement sent; tests count round trips with it. */
	onQuery?: (sql: string) => void;
	/**
	 * Embedded only: an archive of a data folder (scripts/demo-snapshot.ts) that a database not
	 * yet created starts from, instead of an empty one; an existing database is left as it is.
	 */
	initialData?: string;
}

/** Server address without user or password, for messages and logs. */
export function describeUrl(url: string): string {
	const parsed = new URL(url);
	return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
	const onQuery = config.onQuery;
	const logger = onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined;
	const url = config.databaseUrl;
	if (url) {
		const client = postgres(url, {
			max: config.poolMax ?? 10,
			connect_timeout: 10,
			// postgres.js waits up to 20 s between reconnects after repeated failures (3^n/100 s), so
			// the app would stay down that long after the server is back; retry at least every second.
			backoff: (retries) => Math.min(0.05 * 2 ** retries, 1),
			onnotice: () => {},
			...(config.applicationName
				? { connection: { application_name: config.applicationName } }
				: {})
		});
		const forDrizzle = preparing(client, config.prepare ?? false);
		return {
			db: drizzlePostgres({
				client: forDrizzle,
				schema,
				casing: 'snake_case',
				logger
			}) as unknown as Db,
			kind: 'postgres',
			describe: `PostgreSQL ${describeUrl(url)}`,
			migrate: () => migrateServer(url),
			close: () => client.end({ timeout: 5 })
		};
	}
	const release = config.dataDir ? lockDataDir(config.dataDir) : () => {};
	try {
		const folder = config.dataDir ? `${config.dataDir}/pglite` : undefined;
		// Read before PGlite creates the folder: only a database that does not exist yet is loaded.
		const archive =
			config.initialData && !(folder && existsSync(folder)) ? config.initialData : undefined;
		const client = archive ? await loadEmbedded(folder, archive) : await PGlite.create(folder);
		return {
			db: drizzlePglite({ client, schema, casing: 'snake_case', logger }) as unknown as Db,
			kind: 'pglite',
			describe: config.dataDir ? `PGlite in ${config.dataDir}` : 'PGlite in memory',
			...(archive ? { loadedFrom: archive } : {}),
			migrate: () => migrateEmbedded(client),
			close: async () => {
				await client.close();
				release();
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}

/**
 * A new embedded database from an archive of a data folder. A failed load removes the folder it
 * began (none existed before), so the next start does not take a half-written one for a database.
 */
async function loadEmbedded(folder: string | undefined, archive: string): Promise<PGlite> {
	try {
		return await PGlite.create(folder, { loadDataDir: new Blob([readFileSync(archive)]) });
	} catch (error) {
		if (folder) rmSync(folder, { recursive: true, force: true });
		throw error;
	}
}

/**
 * The client as drizzle sees it, with every `unsafe` call (drizzle's only way of sending a query)
 * prepared or not as the handle says, whatever drizzle asks: drizzle passes `prepare: false`
 * unless the query was built once with `.prepare(name)`, and then always `true`, which a pooler
 * in transaction mode cannot keep (`DATABASE_PREPARE=false`). postgres.js keeps the prepared
 * statements per connection, keyed by the SQL text.
 */
function preparing(client: postgres.Sql, prepare: boolean): postgres.Sql {
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property !== 'unsafe') return Reflect.get(target, property, receiver);
			return (query: string, parameters?: unknown[], options?: object) =>
				target.unsafe(query, parameters as never, { ...options, prepare });
		}
	});
}
