import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	accountKey,
	addressKey,
	checkThrottle,
	delayFor,
	pruneThrottle,
	recordFailure,
	recordSuccess
} from '../../src/lib/server/auth/login-throttle';
import { loginThrottle } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const T0 = new Date('2026-03-02T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const anna = accountKey('Anna@Example.org');
const ip1 = addressKey('192.0.2.1');
const ip2 = addressKey('192.0.2.2');

describe('login throttle', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
	});
	afterAll(() => handle.close());
	beforeEach(async () => {
		await handle.db.delete(loginThrottle);
	});

	/** Failures 40 s apart: more than the longest delay, all ten inside the 15-minute window. */
	async function failTimes(keys: string[], times: number, startSecond = 0): Promise<number> {
		let second = startSecond;
		for (let i = 0; i < times; i++) {
			second = startSecond + i * 40;
			expect((await checkThrottle(handle.db, keys, at(second))).allowed).toBe(true);
			await recordFailure(handle.db, keys, at(second));
		}
		return second;
	}

	const failures = async (key: string) =>
		(await handle.db.select().from(loginThrottle).where(eq(loginThrottle.key, key)))[0]?.failures;

	it('doubles the delay from the fifth failure on, up to 30 seconds', () => {
		expect([4, 5, 6, 7, 8, 9, 10, 20].map((n) => delayFor(n))).toEqual([0, 1, 2, 4, 8, 16, 30, 30]);
	});

	it('lets the first five attempts through without delay', async () => {
		const last = await failTimes([anna], 4);
		expect(await checkThrottle(handle.db, [anna], at(last))).toEqual({
			allowed: true,
			retryAfterSeconds: 0,
			delaySeconds: 0
		});
	});

	it('makes the attempt right after the fifth and sixth failure wait', async () => {
		let last = await failTimes([anna], 5);
		expect(await checkThrottle(handle.db, [anna], at(last))).toEqual({
			allowed: false,
			retryAfterSeconds: 1,
			delaySeconds: 1
		});
		expect((await checkThrottle(handle.db, [anna], at(last + 1))).allowed).toBe(true);
		last += 1;
		await recordFailure(handle.db, [anna], at(last));
		expect(await checkThrottle(handle.db, [anna], at(last))).toMatchObject({
			allowed: false,
			retryAfterSeconds: 2
		});
	});

	it('locks the 11th attempt for 15 minutes, and the lock ends by itself', async () => {
		const last = await failTimes([anna, ip1], 10);
		const locked = await checkThrottle(handle.db, [anna, ip1], at(last + 60));
		expect(locked).toMatchObject({ allowed: false, retryAfterSeconds: 14 * 60 });
		expect((await checkThrottle(handle.db, [anna], at(last + 15 * 60 - 1))).allowed).toBe(false);
		expect(await checkThrottle(handle.db, [anna, ip1], at(last + 15 * 60))).toEqual({
			allowed: true,
			retryAfterSeconds: 0,
			delaySeconds: 0
		});
		// After the lock the count starts afresh.
		await recordFailure(handle.db, [anna], at(last + 15 * 60));
		expect(await failures(anna)).toBe(1);
	});

	it('does not count failures older than the window', async () => {
		await failTimes([anna], 9);
		// 9 failures ended at 320 s; the window started at 0 s and is over at 900 s.
		await recordFailure(handle.db, [anna], at(900));
		expect(await failures(anna)).toBe(1);
		expect((await checkThrottle(handle.db, [anna], at(901))).allowed).toBe(true);
	});

	it('keeps account and address counters apart', async () => {
		const last = await failTimes([anna, ip1], 10);
		const bertFromIp2 = [accountKey('bert@example.org'), ip2];
		expect((await checkThrottle(handle.db, bertFromIp2, at(last + 1))).allowed).toBe(true);
		// The locked account stays locked from another address, the address for another account.
		expect((await checkThrottle(handle.db, [anna, ip2], at(last + 1))).allowed).toBe(false);
		expect((await checkThrottle(handle.db, [bertFromIp2[0]!, ip1], at(last + 1))).allowed).toBe(
			false
		);
	});

	it('clears only the account on success, not the address', async () => {
		await failTimes([anna, ip1], 3);
		await recordSuccess(handle.db, anna);
		expect(await failures(anna)).toBeUndefined();
		expect(await failures(ip1)).toBe(3);
	});

	it('counts concurrent failures, also on a key not yet stored', async () => {
		await Promise.all([
			recordFailure(handle.db, [anna, ip1], at(0)),
			// The other order must not deadlock against the first.
			recordFailure(handle.db, [ip1, anna], at(0))
		]);
		expect(await failures(anna)).toBe(2);
		await Promise.all(
			Array.from({ length: 8 }, () => recordFailure(handle.db, [anna, ip1], at(1)))
		);
		expect(await failures(anna)).toBe(10);
		expect(await failures(ip1)).toBe(10);
		expect((await checkThrottle(handle.db, [ip1], at(2))).allowed).toBe(false);
	});

	it('prunes counters that no longer decide anything', async () => {
		await failTimes([anna], 10);
		await recordFailure(handle.db, [ip1], at(0));
		await pruneThrottle(handle.db, at(16 * 60));
		expect(await failures(ip1)).toBeUndefined();
		expect(await failures(anna)).toBe(10); // still locked until 360 s + 15 min
		await pruneThrottle(handle.db, at(22 * 60));
		expect(await failures(anna)).toBeUndefined();
	});
});
