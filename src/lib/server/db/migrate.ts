import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { resolve } from 'node:path';
import postgres from 'postgres';
import type { PGlite } from '@electric-sql/pglite';

/** Committed SQL migrations; the app runs from the project folder, where they live. */
export const migrationsFolder = resolve('drizzle');

/** Arbitrary constant: one app instance migrates while the others wait for it. */
const MIGRATION_LOCK_KEY = 4_711_2012;

/**
 * Applies pending migrations in one transaction (drizzle's migrator), so a failure leaves the
 * database as it was. On a server, an advisory lock serialises instances starting together.
 */
export async function migrateServer(databaseUrl: string): Promise<void> {
	const client = postgres(databaseUrl, { max: 1, connect_timeout: 10, onnotice: () => {} });
	try {
		await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
		await migratePostgres(drizzlePostgres({ client }), { migrationsFolder });
	} finally {
		await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
		await client.end({ timeout: 5 });
	}
}

export async function migrateEmbedded(client: PGlite): Promise<void> {
	await migratePglite(drizzlePglite({ client }), { migrationsFolder });
}
