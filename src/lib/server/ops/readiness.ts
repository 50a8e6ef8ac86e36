import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder } from '../db/migrate';
import type { Db } from '../db';

export type Readiness = { ready: true } | { ready: false; reason: 'database' | 'migrations' };

/** Each committed migration's timestamp, which drizzle stores as `created_at` when applying it. */
export function journalTimestamps(folder = migrationsFolder): number[] {
	const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
		entries: { when: number }[];
	};
	return journal.entries.map((e) => e.when);
}

const rowsOf = <T>(result: unknown): T[] =>
	Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;

/**
 * Ready when the database answers within `timeoutMs` and every committed migration is applied.
 * An instance that runs older code than the database (a newer migration applied by a newer
 * instance) stays ready: migrations only add.
 */
export async function checkReadiness(
	db: Db | undefined,
	expected: readonly number[],
	timeoutMs = 2000
): Promise<Readiness> {
	if (!db) return { ready: false, reason: 'database' };
	let applied: Set<number>;
	try {
		const result = await withTimeout(
			db.execute(sql`select created_at from drizzle.__drizzle_migrations`),
			timeoutMs
		);
		applied = new Set(rowsOf<{ created_at: unknown }>(result).map((r) => Number(r.created_at)));
	} catch (error) {
		// No migrations table yet: reachable, but nothing applied.
		if ((error as { code?: string }).code === '42P01')
			return { ready: false, reason: 'migrations' };
		const cause = (error as { cause?: { code?: string } }).cause;
		if (cause?.code === '42P01') return { ready: false, reason: 'migrations' };
		return { ready: false, reason: 'database' };
	}
	return expected.every((when) => applied.has(when))
		? { ready: true }
		: { ready: false, reason: 'migrations' };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
