import { describe, expect, it, vi } from 'vitest';
import { refuse, transactionOr } from './refusal';
import type { Db, Tx } from './types';

/** A stand-in for the database that records whether the transaction committed. */
function fakeDb() {
	const outcome = { committed: false, rolledBack: false };
	const db = {
		transaction: vi.fn(async (work: (tx: Tx) => Promise<unknown>) => {
			try {
				const result = await work({} as Tx);
				outcome.committed = true;
				return result;
			} catch (e) {
				outcome.rolledBack = true;
				throw e;
			}
		})
	} as unknown as Db;
	return { db, outcome };
}

describe('transactionOr', () => {
	it('returns what the work returns, committed', async () => {
		const { db, outcome } = fakeDb();
		await expect(transactionOr(db, async () => ({ ok: true }))).resolves.toEqual({ ok: true });
		expect(outcome.committed).toBe(true);
	});

	it('returns the typed failure of a refusal, rolled back', async () => {
		const { db, outcome } = fakeDb();
		const result = await transactionOr<{ ok: false; reason: 'stale' }, { ok: true }>(db, async () =>
			refuse({ ok: false, reason: 'stale' })
		);
		expect(result).toEqual({ ok: false, reason: 'stale' });
		expect(outcome).toEqual({ committed: false, rolledBack: true });
	});

	it('lets any other error through', async () => {
		const { db } = fakeDb();
		await expect(
			transactionOr(db, async () => {
				throw new Error('connection lost');
			})
		).rejects.toThrow('connection lost');
	});
});
