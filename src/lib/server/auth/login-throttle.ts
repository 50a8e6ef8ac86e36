import { inArray, lt, sql } from 'drizzle-orm';
import { loginThrottle } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { throttleAddress } from './client-address';

/**
 * Brute-force protection without malicious lockout (ASVS 6.3.1; docs/decisions/0020). Failed
 * logins count per (account, address) pair and per address, never per account alone: an
 * attacker's failures from their address slow down only that address, so the real person still
 * gets in from anywhere else, and one colleague's typos do not slow down a whole city behind one
 * NAT address. Each failure beyond an allowance doubles the wait before the next attempt, up to a
 * cap; nothing locks. The counters live in the database, so every app instance sees the same
 * state. A refused attempt is answered at once with the wait ("try again in N s"): the server
 * never sleeps, so waiting attackers cost it nothing.
 */
export interface BackoffPolicy {
	/** Failures that cost nothing; the one after them must wait 1 s, then 2, 4, 8 … */
	freeFailures: number;
	maxDelaySeconds: number;
	/** A counter without a failure for this long starts afresh. */
	forgetAfterMinutes: number;
}

export const throttlePolicies = {
	/** One account from one address: a person's typos, or a guesser aiming at one account. */
	pair: { freeFailures: 5, maxDelaySeconds: 15 * 60, forgetAfterMinutes: 24 * 60 },
	/** All accounts from one address: a city behind one NAT, or password spraying. */
	address: { freeFailures: 30, maxDelaySeconds: 60, forgetAfterMinutes: 60 },
	/**
	 * Wrong codes of one account, from any address. Counting per account is safe here: only
	 * someone who knows the password gets to the code step, so a stranger cannot use it to keep
	 * the person out, while a thief of the password cannot guess codes faster from many addresses.
	 */
	secondFactor: { freeFailures: 5, maxDelaySeconds: 15 * 60, forgetAfterMinutes: 24 * 60 }
} as const satisfies Record<string, BackoffPolicy>;

/** The longest memory of any policy: older counters decide nothing and may go. */
const FORGET_ALL_AFTER_MINUTES = Math.max(
	...Object.values(throttlePolicies).map((p) => p.forgetAfterMinutes)
);

export interface ThrottleKey {
	key: string;
	policy: BackoffPolicy;
}

export interface ThrottleDecision {
	allowed: boolean;
	/** Seconds until the next attempt is allowed; 0 when allowed. */
	retryAfterSeconds: number;
}

const MINUTE = 60_000;

/** Lowercased, like the unique index on users.email, so case variants share one counter. */
const normalEmail = (email: string) => email.trim().toLowerCase();

export function pairKey(email: string, address: string): ThrottleKey {
	// The address comes first and never contains '/', so no two pairs share a key.
	return {
		key: `pair:${throttleAddress(address)}/${normalEmail(email)}`,
		policy: throttlePolicies.pair
	};
}

export function addressKey(address: string): ThrottleKey {
	return { key: `ip:${throttleAddress(address)}`, policy: throttlePolicies.address };
}

export function secondFactorKey(userId: number): ThrottleKey {
	return { key: `2fa:${userId}`, policy: throttlePolicies.secondFactor };
}

/** The keys a password attempt is checked and counted against: [pair, address]. */
export const loginKeys = (email: string, address: string): [ThrottleKey, ThrottleKey] => [
	pairKey(email, address),
	addressKey(address)
];

/** 0 within the allowance, then 1, 2, 4 … seconds, capped. */
export function delayFor(failures: number, policy: BackoffPolicy): number {
	if (failures < policy.freeFailures) return 0;
	return Math.min(2 ** (failures - policy.freeFailures), policy.maxDelaySeconds);
}

export async function checkThrottle(
	db: DbOrTx,
	keys: ThrottleKey[],
	now: Date
): Promise<ThrottleDecision> {
	const decision: ThrottleDecision = { allowed: true, retryAfterSeconds: 0 };
	if (keys.length === 0) return decision;
	const rows = await db
		.select()
		.from(loginThrottle)
		.where(
			inArray(
				loginThrottle.key,
				keys.map((k) => k.key)
			)
		);
	const t = now.getTime();
	for (const row of rows) {
		const { policy } = keys.find((k) => k.key === row.key)!;
		const last = row.lastFailureAt.getTime();
		if (t - last >= policy.forgetAfterMinutes * MINUTE) continue;
		const waitMs = last + delayFor(row.failures, policy) * 1000 - t;
		if (waitMs > 0) {
			decision.allowed = false;
			decision.retryAfterSeconds = Math.max(decision.retryAfterSeconds, Math.ceil(waitMs / 1000));
		}
	}
	return decision;
}

/**
 * Counts a failure for each key. The increment happens in the database (ON CONFLICT … DO
 * UPDATE), so concurrent failures on several instances are all counted; one statement per key,
 * each its own transaction, so two requests can never deadlock on each other's rows.
 */
export async function recordFailure(db: DbOrTx, keys: ThrottleKey[], now: Date): Promise<void> {
	const nowIso = now.toISOString();
	for (const { key, policy } of keys) {
		const forgotten = new Date(now.getTime() - policy.forgetAfterMinutes * MINUTE).toISOString();
		await db
			.insert(loginThrottle)
			.values({ key, failures: 1, lastFailureAt: now })
			.onConflictDoUpdate({
				target: loginThrottle.key,
				set: {
					failures: sql`case when ${loginThrottle.lastFailureAt} <= ${forgotten}::timestamptz then 1 else ${loginThrottle.failures} + 1 end`,
					lastFailureAt: sql`${nowIso}::timestamptz`
				}
			});
	}
}

/** Forgets the given counters (after a complete login; see attemptLogin for which). */
export async function clearThrottle(db: DbOrTx, keys: ThrottleKey[]): Promise<void> {
	if (keys.length === 0) return;
	await db.delete(loginThrottle).where(
		inArray(
			loginThrottle.key,
			keys.map((k) => k.key)
		)
	);
}

/** Removes counters too old to decide anything (indexed; called after failures). */
export async function pruneThrottle(db: DbOrTx, now: Date): Promise<void> {
	const cutoff = new Date(now.getTime() - FORGET_ALL_AFTER_MINUTES * MINUTE);
	await db.delete(loginThrottle).where(lt(loginThrottle.lastFailureAt, cutoff));
}
