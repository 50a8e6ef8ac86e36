import postgres from 'postgres';
import { parseEnv } from '../../src/lib/server/env';
import { openDatabase } from '../../src/lib/server/db/client';
import type { DatabaseHandle } from '../../src/lib/server/db/types';

/**
 * A migrated database of its own for one test file: in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL, dropped again on close.
 */
export async function createTestDatabase(
	options: { onQuery?: (sql: string) => void } = {}
): Promise<DatabaseHandle> {
	const { DATABASE_URL } = parseEnv();
	if (!DATABASE_URL) {
		const handle = await openDatabase({ onQuery: options.onQuery });
		await handle.migrate();
		return handle;
	}
	const name = `ikz_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(DATABASE_URL);
	url.pathname = `/${name}`;
	const handle = await openDatabase({
		databaseUrl: url.toString(),
		poolMax: 4,
		onQuery: options.onQuery
	});
	try {
		await handle.migrate();
	} catch (error) {
		await handle.close();
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
