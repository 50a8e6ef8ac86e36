import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';

/**
 * A whole list as ONE bind parameter (JSON), so a batch of 100,000 keys is one statement and
 * never hits PostgreSQL's limit of 65,535 parameters (drizzle would spread an array into one
 * parameter per element).
 */
export const jsonParam = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

/** Rows of a raw statement on either driver (postgres.js: an array; PGlite: `{ rows }`). */
export async function selectRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown;
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Splits a list into chunks, so one statement carries a bounded amount of JSON. */
export function chunks<T>(items: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
