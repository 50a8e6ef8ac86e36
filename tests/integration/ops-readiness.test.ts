import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { checkReadiness, journalTimestamps } from '../../src/lib/server/ops/readiness';
import { createTestDatabase } from '../helpers/test-database';

describe('readiness', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
	});
	afterAll(() => handle.close());

	it('reads the committed journal: one timestamp per migration file', () => {
		const stamps = journalTimestamps();
		expect(stamps.length).toBeGreaterThanOrEqual(12);
		expect(new Set(stamps).size).toBe(stamps.length);
	});

	it('is ready on a migrated database', async () => {
		expect(await checkReadiness(handle.db, journalTimestamps())).toEqual({ ready: true });
	});

	it('is not ready while a committed migration is missing from the database', async () => {
		const newer = [...journalTimestamps(), Date.now()];
		expect(await checkReadiness(handle.db, newer)).toEqual({ ready: false, reason: 'migrations' });
	});

	it('is not ready on a database that was never migrated', async () => {
		const empty = await openDatabase({});
		try {
			expect(await checkReadiness(empty.db, journalTimestamps())).toEqual({
				ready: false,
				reason: 'migrations'
			});
		} finally {
			await empty.close();
		}
	});

	it('is not ready when the database does not answer', async () => {
		const gone = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere' });
		try {
			expect(await checkReadiness(gone.db, journalTimestamps(), 3000)).toEqual({
				ready: false,
				reason: 'database'
			});
		} finally {
			await gone.close();
		}
		expect(await checkReadiness(undefined, journalTimestamps())).toEqual({
			ready: false,
			reason: 'database'
		});
	});
});
