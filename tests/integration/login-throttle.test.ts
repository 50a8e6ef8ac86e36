import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	addressKey,
	checkThrottle,
	clearThrottle,
	delayFor,
	pairKey,
	pruneThrottle,
	recordFailure,
	secondFactorKey,
	throttlePolicies,
	type ThrottleKey
} from '../../src/lib/server/auth/login-throttle';
import { loginThrottle } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const T0 = new Date('2026-03-02T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const HOUR = 3600;
const annaHere = pairKey('Anna@Example.org', '192.0.2.1');
const here = addressKey('192.0.2.1');

describe('login throttle', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
	});
	afterAll(() => handle.close());
	beforeEach(async () => {
		await handle.db.delete(loginThrottle);
	});

	/** Failures one hour apart: each after any delay is over, none forgotten by the pair. */
	async function failTimes(keys: ThrottleKey[], times: number, startSecond = 0) {
		let second = startSecond;
		for (let i = 0; i < times; i++) {
			second = startSecond + i * 60;
			await recordFailure(handle.db, keys, at(second));
		}
		return second;
	}

	const failures = async (key: ThrottleKey) =>
		(await handle.db.select().from(loginThrottle).where(eq(loginThrottle.key, key.key)))[0]
			?.failures;

	it('doubles the wait from the allowance on, up to the cap', () => {
		const pair = [4, 5, 6, 7, 14, 15, 30].map((n) => delayFor(n, throttlePolicies.pair));
		expect(pair).toEqual([0, 1, 2, 4, 512, 900, 900]);
		const address = [29, 30, 31, 35, 36, 100].map((n) => delayFor(n, throttlePolicies.address));
		expect(address).toEqual([0, 1, 2, 32, 60, 60]);
	});

	it('keys a pair by the lowercased e-mail and the address (an IPv6 /64 counts as one)', () => {
		expect(pairKey(' ANNA@example.org ', '192.0.2.1').key).toBe(annaHere.key);
		expect(pairKey('anna@example.org', '192.0.2.2').key).not.toBe(annaHere.key);
		expect(addressKey('2001:db8:1:2::10').key).toBe(addressKey('2001:db8:1:2:aaaa::1').key);
		expect(pairKey('anna@example.org', '2001:db8:1:2::10').key).toBe(
			pairKey('anna@example.org', '2001:db8:1:2:ffff::').key
		);
	});

	it('lets the allowance through, then names the wait after the last failure', async () => {
		const last = await failTimes([annaHere], 4);
		expect(await checkThrottle(handle.db, [annaHere], at(last))).toEqual({
			allowed: true,
			retryAfterSeconds: 0
		});
		await recordFailure(handle.db, [annaHere], at(last + 10));
		expect(await checkThrottle(handle.db, [annaHere], at(last + 10))).toEqual({
			allowed: false,
			retryAfterSeconds: 1
		});
		expect((await checkThrottle(handle.db, [annaHere], at(last + 11))).allowed).toBe(true);
	});

	it('answers with the longest wait of all keys asked', async () => {
		await failTimes([annaHere], 8);
		const last = await failTimes([here], 31);
		// The pair's 8 failures: 8 s after its last one (420 s); the address: 2 s after 1800 s.
		expect(await checkThrottle(handle.db, [annaHere, here], at(last))).toEqual({
			allowed: false,
			retryAfterSeconds: 2
		});
		await recordFailure(handle.db, [annaHere], at(last));
		expect(await checkThrottle(handle.db, [annaHere, here], at(last))).toEqual({
			allowed: false,
			retryAfterSeconds: 16
		});
	});

	it('forgets a pair after a day without failures, an address after an hour', async () => {
		await failTimes([annaHere, here], 9);
		// The 9th failure was at 480 s.
		await recordFailure(handle.db, [annaHere, here], at(480 + HOUR));
		expect(await failures(annaHere)).toBe(10);
		expect(await failures(here)).toBe(1);
		await recordFailure(handle.db, [annaHere], at(480 + HOUR + 24 * HOUR));
		expect(await failures(annaHere)).toBe(1);
	});

	it('clears exactly the keys it is given', async () => {
		const codes = secondFactorKey(7);
		await failTimes([annaHere, here, codes], 3);
		await clearThrottle(handle.db, [annaHere, codes]);
		expect(await failures(annaHere)).toBeUndefined();
		expect(await failures(codes)).toBeUndefined();
		expect(await failures(here)).toBe(3);
	});

	it('counts concurrent failures, also on a key not yet stored', async () => {
		await Promise.all([
			recordFailure(handle.db, [annaHere, here], at(0)),
			// The other order must not deadlock against the first.
			recordFailure(handle.db, [here, annaHere], at(0))
		]);
		expect(await failures(annaHere)).toBe(2);
		await Promise.all(
			Array.from({ length: 8 }, () => recordFailure(handle.db, [annaHere, here], at(1)))
		);
		expect(await failures(annaHere)).toBe(10);
		expect(await failures(here)).toBe(10);
		expect((await checkThrottle(handle.db, [annaHere], at(2))).allowed).toBe(false);
	});

	it('prunes counters older than the longest memory, keeps the others', async () => {
		await recordFailure(handle.db, [here], at(0));
		await recordFailure(handle.db, [annaHere], at(HOUR));
		await pruneThrottle(handle.db, at(24 * HOUR + 1));
		expect(await failures(here)).toBeUndefined();
		expect(await failures(annaHere)).toBe(1);
	});
});
