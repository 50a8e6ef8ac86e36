import type { Db, Tx } from './types';

/**
 * Thrown inside a transaction to roll all of it back; carries the typed failure the write
 * returns to its caller. Throw it through `refuse`, or subclass it where a refusal needs a
 * name of its own (`EntryRefused`).
 */
export class Refusal<F> extends Error {
	constructor(readonly failure: F) {
		super('write refused');
	}
}

/** Stops the transaction: nothing written so far is kept, and the caller gets `failure`. */
export function refuse<F>(failure: F): never {
	throw new Refusal(failure);
}

/**
 * Runs `work` in one transaction and returns its result, or the failure it refused with. Any
 * other error rolls back and propagates as before: an outage must not look like a refusal.
 */
export async function transactionOr<F, T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T | F> {
	try {
		return await db.transaction(work);
	} catch (e) {
		if (e instanceof Refusal) return e.failure as F;
		throw e;
	}
}
