import postgres from 'postgres';
import { inject } from 'vitest';
import { parseEnv } from '../../src/lib/server/env';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';

/** What a test database holds besides the schema: nothing, reference data, or the whole demo. */
export type TestSeed = 'none' | 'reference' | 'demo';

/**
 * A migrated database of its own for one test file: in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL, dropped again on close. With `seed`
 * it also holds reference data or the demo.
 *
 * On PostgreSQL the first file that asks for a kind of database builds it once per run as a
 * template (migrated and seeded, under an advisory lock, see tests/helpers/global-setup.ts);
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
		await handle.migrate();
		if (seed !== 'none') await seedDatabase(handle.db, { demo: seed === 'demo' });
		return handle;
	}
	const name = `ikz_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
	const urlOf = (database: string) => {
		const url = new URL(DATABASE_URL);
		url.pathname = `/${database}`;
		return url.toString();
	};
	const run = templateRun();
	let handle: DatabaseHandle;
	try {
		if (run) {
			const template = await ensureTemplate(admin, urlOf, `ikz_tpl_${run}_${seed}`, seed);
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

async function migrateAndSeed(handle: DatabaseHandle, seed: TestSeed): Promise<void> {
	await handle.migrate();
	if (seed !== 'none') await seedDatabase(handle.db, { demo: seed === 'demo' });
}

/** Builds the template once per run; other workers wait on the lock and then find it. */
async function ensureTemplate(
	admin: postgres.Sql,
	urlOf: (database: string) => string,
	template: string,
	seed: TestSeed
): Promise<string> {
	await admin`select pg_advisory_lock(hashtext(${template}))`;
	try {
		const [row] = await admin`select 1 from pg_database where datname = ${template}`;
		if (row) return template;
		await admin.unsafe(`create database "${template}"`);
		// No connection may stay open on a template, or copying it fails.
		const handle = await openDatabase({ databaseUrl: urlOf(template), poolMax: 2 });
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
