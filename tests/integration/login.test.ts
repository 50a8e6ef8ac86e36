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

	it('locks the 11th attempt, even with the right password, and unlocks after 15 minutes by itself', async () => {
		const email = 'controlling@hamm.de';
		let now = new Date('2026-11-24T10:00:00Z').getTime();
		for (let i = 1; i <= 10; i++) {
			// Wait out the growing delay, so each of the ten is a real password check.
			now += 31 * SECOND;
			expect(await attempt(email, `wrong-password-${i}`, new Date(now), '10.0.1.1')).toEqual({
				ok: false,
				reason: 'invalid'
			});
		}
		now += 31 * SECOND;
		const eleventh = await attempt(email, PASSWORD, new Date(now), '10.0.1.1');
		expect(eleventh).toMatchObject({ ok: false, reason: 'throttled' });
		expect((eleventh as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);

		now += 16 * MINUTE;
		expect((await attempt(email, PASSWORD, new Date(now), '10.0.1.1')).ok).toBe(true);
	});

	it('records failures, locks and logins in the audit log without the password', async () => {
		const rows = await handle.db.select().from(auditLog).where(eq(auditLog.entity, 'session'));
		const actions = new Set(rows.map((r) => r.action));
		expect(actions).toEqual(new Set(['auth.login', 'auth.login_failed', 'auth.login_throttled']));
		expect(rows.some((r) => `${r.before}${r.after}`.includes(PASSWORD))).toBe(false);
	});
});
