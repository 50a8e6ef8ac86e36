import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptLogin } from '../../src/lib/server/auth/login';
import { createUser } from '../../src/lib/server/auth/users';
import { auditLog } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const PASSWORD = 'Kooperation-2026!';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('attemptLogin', () => {
	let handle: DatabaseHandle;
	beforeAll(async () => {
		handle = await createTestDatabase();
		await createUser(handle.db, {
			email: 'Controlling@Hamm.de',
			displayName: 'C',
			password: PASSWORD,
			roles: []
		});
	});
	afterAll(() => handle.close());

	const attempt = (email: string, password: string, now: Date, address = '10.0.0.1') =>
		attemptLogin(handle.db, { email, password, address, userAgent: 'test', now });

	it('logs in with the right password, whatever the case of the address', async () => {
		const result = await attempt('controlling@hamm.de', PASSWORD, new Date('2026-11-24T08:00:00Z'));
		expect(result.ok).toBe(true);
	});

	it('answers a wrong password and an unknown account alike', async () => {
		const now = new Date('2026-11-24T09:00:00Z');
		expect(await attempt('controlling@hamm.de', 'falsch-falsch-falsch', now, '10.0.0.2')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await attempt('niemand@hamm.de', 'falsch-falsch-falsch', now, '10.0.0.3')).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	/*
	 * Brute-force protection without malicious lockout (issue 14.12, ASVS 6.3.1; the numbers are
	 * those of docs/decisions/0020): wrong passwords slow down the pair (account, address) and,
	 * with a far higher allowance, the address; nothing locks the account itself.
	 */
	describe('growing delays instead of an account lockout', () => {
		let clock = new Date('2026-11-25T08:00:00Z').getTime();
		const now = () => new Date(clock);

		/**
		 * A wrong password as a script would send it: when the throttle names a wait, the clock
		 * moves on by exactly that much (no sleeping), then it tries again. Returns the wait.
		 */
		async function wrong(email: string, address: string): Promise<number> {
			let waited = 0;
			for (let tries = 0; tries < 5; tries++) {
				const r = await attempt(email, 'falsches-passwort-123', now(), address);
				if (r.ok) throw new Error('a wrong password was accepted');
				if (r.reason === 'invalid') return waited;
				waited += r.retryAfterSeconds;
				clock += r.retryAfterSeconds * SECOND;
			}
			throw new Error('still refused after waiting as told');
		}

		it('an attacker’s failures from one address do not keep the person out from another', async () => {
			for (let i = 0; i < 20; i++) await wrong('controlling@hamm.de', '203.0.113.9');
			const fromHome = await attempt('controlling@hamm.de', PASSWORD, now(), '198.51.100.7');
			expect(fromHome.ok).toBe(true);
			// The attacker's address, meanwhile, is still made to wait.
			const attacker = await attempt('controlling@hamm.de', PASSWORD, now(), '203.0.113.9');
			expect(attacker).toMatchObject({ ok: false, reason: 'throttled' });
		});

		it('makes the attacker wait longer after each failure, up to 15 minutes, without sleeping', async () => {
			const waits: number[] = [];
			const started = clock;
			for (let i = 0; i < 18; i++) waits.push(await wrong('controlling@hamm.de', '203.0.113.10'));
			expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
			// 17 password checks in the first hour, then four an hour: far below ASVS 4's ceiling
			// of 100 failed attempts per hour and account.
			let elapsed = 0;
			const times = waits.map((w) => (elapsed += w));
			expect(times.filter((t) => t < 3600)).toHaveLength(17);
			expect(clock - started).toBeGreaterThan(3600 * SECOND);

			// The answer names the wait at once; the server does not hold the request meanwhile.
			const before = Date.now();
			const refused = await attempt('controlling@hamm.de', PASSWORD, now(), '203.0.113.10');
			expect(refused).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 900 });
			expect(Date.now() - before).toBeLessThan(5 * SECOND);
		});

		it('one colleague’s typos do not slow down the others behind the same address', async () => {
			for (let i = 0; i < 12; i++) await wrong('kollege@hamm.de', '192.0.2.50');
			expect((await attempt('controlling@hamm.de', PASSWORD, now(), '192.0.2.50')).ok).toBe(true);
			expect(await attempt('kollege@hamm.de', 'tippfehler-123', now(), '192.0.2.50')).toMatchObject(
				{
					ok: false,
					reason: 'throttled'
				}
			);
		});

		it('an address gets a much higher allowance than one account, then short delays', async () => {
			// 25 people behind one city's address, one typo each: nobody waits.
			const waits: number[] = [];
			for (let i = 1; i <= 25; i++) waits.push(await wrong(`person${i}@hamm.de`, '192.0.2.60'));
			expect(waits.every((w) => w === 0)).toBe(true);
			// Password spraying from that address is slowed down from the 30th failure on …
			for (let i = 26; i <= 40; i++) waits.push(await wrong(`person${i}@hamm.de`, '192.0.2.60'));
			expect(waits.slice(0, 30).every((w) => w === 0)).toBe(true);
			expect(waits.slice(30).every((w) => w > 0 && w <= 60)).toBe(true);
			// … but not the same person from elsewhere.
			expect(await wrong('person41@hamm.de', '192.0.2.61')).toBe(0);
		});

		it('a successful login clears the pair, so the person’s next typo costs no wait', async () => {
			for (let i = 0; i < 7; i++) await wrong('controlling@hamm.de', '192.0.2.70');
			clock += 10 * MINUTE;
			expect((await attempt('controlling@hamm.de', PASSWORD, now(), '192.0.2.70')).ok).toBe(true);
			expect(await wrong('controlling@hamm.de', '192.0.2.70')).toBe(0);
		});
	});

	it('records failures, locks and logins in the audit log without the password', async () => {
		const rows = await handle.db.select().from(auditLog).where(eq(auditLog.entity, 'session'));
		const actions = new Set(rows.map((r) => r.action));
		expect(actions).toEqual(new Set(['auth.login', 'auth.login_failed', 'auth.login_throttled']));
		expect(rows.some((r) => `${r.before}${r.after}`.includes(PASSWORD))).toBe(false);
	});
});
