import type postgres from 'postgres';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';

/** What a test database holds besides the schema: nothing, reference data, or the whole demo. */
export type TestSeed = 'none' | 'reference' | 'demo';

export async function migrateAndSeed(handle: DatabaseHandle, seed: TestSeed): Promise<void> {
	await handle.migrate();
	if (seed !== 'none') await seedDatabase(handle.db, { demo: seed === 'demo' });
}

/** The database on the server of `serverUrl` with the given name. */
export function databaseUrl(serverUrl: string, database: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${database}`;
	return url.toString();
}

/**
 * Builds this run's template database of a kind once (migrated, then seeded as asked) and
 * returns its name; other workers wait on the advisory lock and then find it.
 */
export async function ensureTemplate(
	admin: postgres.Sql,
	serverUrl: string,
	run: string,
	seed: TestSeed
): Promise<string> {
	const template = `ikz_tpl_${run}_${seed}`;
	await admin`select pg_advisory_lock(hashtext(${template}))`;
	try {
		const [row] = await admin`select 1 from pg_database where datname = ${template}`;
		if (row) return template;
		await admin.unsafe(`create database "${template}"`);
		// No connection may stay open on a template, or copying it fails.
		const handle = await openDatabase({
			databaseUrl: databaseUrl(serverUrl, template),
			poolMax: 2
		});
		try {
			await migrateAndSeed(handle, seed);
		} catch (error) {
			await handle.close();
			await admin.unsafe(`drop database if exists "${template}" with (force)`);
			throw error;
		}
		await handle.close();
		return template;
	} finally {
		await admin`select pg_advisory_unlock(hashtext(${template}))`;
	}
}
