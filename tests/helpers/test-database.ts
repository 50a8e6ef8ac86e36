import postgres from 'postgres';
import { inject } from 'vitest';
import { parseEnv } from '../../src/lib/server/env';
import { openDatabase } from '../../src/lib/server/db/client';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { databaseUrl, ensureTemplate, migrateAndSeed, type TestSeed } from './template-database';

export type { TestSeed };

/**
 * A migrated database of its own for one test file: in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL, dropped again on close. With `seed`
 * it also holds reference data or the demo.
 *
 * On PostgreSQL the first file that asks for a kind of database builds it once per run as a
 * template (migrated and seeded, under an advisory lock; in CI all of them before the first
 * file, see tests/helpers/global-setup.ts);
 * every file then gets a copy (`create database … template …`, well under a second) instead
 * of migrating and seeding again (seconds for the schema, 5–15 s for the demo on 2 cores).
 */
export async function createTestDatabase(
	options: { onQuery?: (sql: string) => void; seed?: TestSeed } = {}
): Promise<DatabaseHandle> {
	const seed = options.seed ?? 'none';
	const { DATABASE_URL } = parseEnv();
	if (!DATABASE_URL) {
		const handle = await openDatabase({ onQuery: options.onQuery });
		await migrateAndSeed(handle, seed);
		return handle;
	}
	const name = `ikz_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
	const urlOf = (database: string) => databaseUrl(DATABASE_URL, database);
	const run = templateRun();
	let handle: DatabaseHandle;
	try {
		if (run) {
			const template = await ensureTemplate(admin, DATABASE_URL, run, seed);
			await admin.unsafe(`create database "${name}" template "${template}"`);
			handle = await openDatabase({
				databaseUrl: urlOf(name),
				poolMax: 4,
				onQuery: options.onQuery
			});
		} else {
			await admin.unsafe(`create database "${name}"`);
			handle = await openDatabase({
				databaseUrl: urlOf(name),
				poolMax: 4,
				onQuery: options.onQuery
			});
			await migrateAndSeed(handle, seed);
		}
	} catch (error) {
		await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
		await admin.end();
		throw error;
	}
	return {
		...handle,
		close: async () => {
			await handle.close();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

/** The run id global-setup.ts provides; absent when the file runs under another configuration. */
function templateRun(): string | undefined {
	try {
		return inject('testDatabaseRun');
	} catch {
		return undefined;
	}
}
