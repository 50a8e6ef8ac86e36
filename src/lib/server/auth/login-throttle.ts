import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { loginThrottle } from '../db/schema';
import type { DbOrTx } from '../db/types';

/**
 * Brute-force protection per account and per client address. The counters live in the
 * database so every app instance sees the same state, and a lock ends by itself (no unlock job).
 */
export interface ThrottlePolicy {
	/** Failures counted within this window; an older window starts afresh. */
	windowMinutes: number;
	/** Failures after which each further attempt must wait, doubling each time. */
	delayAfter: number;
	maxDelaySeconds: number;
	/** Failures within the window that lock the key. */
	lockAfter: number;
	lockMinutes: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = {
	windowMinutes: 15,
	delayAfter: 5,
	maxDelaySeconds: 30,
	lockAfter: 10,
	lockMinutes: 15
};

export interface ThrottleDecision {
	allowed: boolean;
	/** Seconds until the next attempt is allowed; 0 when allowed. */
	retryAfterSeconds: number;
	/** The gap currently required after a failure (grows with the number of failures). */
	delaySeconds: number;
}

const MINUTE = 60_000;

/** Lowercased, like the unique index on users.email, so case variants share one counter. */
export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;

/** 2^(n-5) seconds from the 5th failure on: 1, 2, 4, 8, 16, capped. */
export function delayFor(failures: number, policy = defaultThrottlePolicy): number {
	if (failures < policy.delayAfter) return 0;
	return Math.min(2 ** (failures - policy.delayAfter), policy.maxDelaySeconds);
}

export async function checkThrottle(
	db: DbOrTx,
	keys: string[],
	now: Date,
	policy = defaultThrottlePolicy
): Promise<ThrottleDecision> {
	const decision: ThrottleDecision = { allowed: true, retryAfterSeconds: 0, delaySeconds: 0 };
	if (keys.length === 0) return decision;
	const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
	const t = now.getTime();
	for (const row of rows) {
		let waitMs = 0;
		if (row.lockedUntil && row.lockedUntil.getTime() > t) {
			waitMs = row.lockedUntil.getTime() - t;
		} else if (t - row.windowStartedAt.getTime() < policy.windowMinutes * MINUTE) {
			const delay = delayFor(row.failures, policy);
			decision.delaySeconds = Math.max(decision.delaySeconds, delay);
			waitMs = row.lastFailureAt.getTime() + delay * 1000 - t;
		}
		if (waitMs > 0) {
			decision.allowed = false;
			decision.retryAfterSeconds = Math.max(decision.retryAfterSeconds, Math.ceil(waitMs / 1000));
		}
	}
	return decision;
}

/**
 * Counts a failure for every key in one statement. The increment happens in the database
 * (ON CONFLICT … DO UPDATE), so concurrent failures on several instances are all counted.
 */
export async function recordFailure(
	db: DbOrTx,
	keys: string[],
	now: Date,
	policy = defaultThrottlePolicy
): Promise<void> {
	// Sorted, so concurrent statements lock rows in the same order and cannot deadlock.
	const unique = [...new Set(keys)].sort();
	if (unique.length === 0) return;
	const windowStart = new Date(now.getTime() - policy.windowMinutes * MINUTE).toISOString();
	const lockEnd = new Date(now.getTime() + policy.lockMinutes * MINUTE).toISOString();
	const nowIso = now.toISOString();
	const stale = sql`${loginThrottle.windowStartedAt} <= ${windowStart}::timestamptz`;
	const failures = sql`case when ${stale} then 1 else ${loginThrottle.failures} + 1 end`;
	await db
		.insert(loginThrottle)
		.values(
			unique.map((key) => ({
				key,
				failures: 1,
				windowStartedAt: now,
				lockedUntil: null,
				lastFailureAt: now
			}))
		)
		.onConflictDoUpdate({
			target: loginThrottle.key,
			set: {
				failures,
				windowStartedAt: sql`case when ${stale} then ${nowIso}::timestamptz else ${loginThrottle.windowStartedAt} end`,
				lockedUntil: sql`case when ${failures} >= ${policy.lockAfter} then ${lockEnd}::timestamptz when ${stale} then null else ${loginThrottle.lockedUntil} end`,
				lastFailureAt: sql`${nowIso}::timestamptz`
			}
		});
}

/** Clears the account's counter only: one success must not reset an attacking address. */
export async function recordSuccess(db: DbOrTx, accountKeyValue: string): Promise<void> {
	await db.delete(loginThrottle).where(eq(loginThrottle.key, accountKeyValue));
}

/** Removes counters whose window and lock are both over; they no longer decide anything. */
export async function pruneThrottle(
	db: DbOrTx,
	now: Date,
	policy = defaultThrottlePolicy
): Promise<void> {
	const windowStart = new Date(now.getTime() - policy.windowMinutes * MINUTE);
	await db
		.delete(loginThrottle)
		.where(
			and(
				lt(loginThrottle.windowStartedAt, windowStart),
				or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now))
			)
		);
}
