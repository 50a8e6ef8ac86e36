import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, endOtherSessions, endOwnSession } from '../../src/lib/server/auth/account';
import { attemptLogin } from '../../src/lib/server/auth/login';
import {
	createSession,
	listUserSessions,
	validateSessionToken
} from '../../src/lib/server/auth/sessions';
import { createUser } from '../../src/lib/server/auth/users';
import { auditLog, users } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const OLD = 'Kooperation-2026!';
const NEW = 'Neues-Passwort-fuer-Hamm-2026';
const T0 = new Date('2026-11-24T08:00:00Z');

describe('account: password change and own sessions', () => {
	let handle: DatabaseHandle;
	let userId: number;
	let otherId: number;
	const email = 'freigabe@hamm.de';

	beforeAll(async () => {
		handle = await createTestDatabase();
		userId = (await createUser(handle.db, { email, displayName: 'F', password: OLD, roles: [] }))
			.id;
		otherId = (
			await createUser(handle.db, {
				email: 'x@hamm.de',
				displayName: 'X',
				password: OLD,
				roles: []
			})
		).id;
	});
	afterAll(() => handle.close());

	const login = (password: string) =>
		attemptLogin(handle.db, { email, password, address: '10.1.1.1', userAgent: null, now: T0 });

	it('rejects a wrong current password and a weak new one, changing nothing', async () => {
		const base = { userId, now: T0, userAgent: null, twoFactorVerified: false };
		expect(
			await changePassword(handle.db, { ...base, currentPassword: 'wrong', newPassword: NEW })
		).toEqual({ ok: false, reason: 'wrong_current' });
		expect(
			await changePassword(handle.db, { ...base, currentPassword: OLD, newPassword: 'kurz' })
		).toEqual({ ok: false, reason: 'policy', problems: ['too_short'] });
		expect((await login(OLD)).ok).toBe(true);
	});

	it('ends every session, opens a fresh one, and only the new password logs in', async () => {
		const a = await createSession(handle.db, userId, { now: T0 });
		const b = await createSession(handle.db, userId, { now: T0 });
		const other = await createSession(handle.db, otherId, { now: T0 });
		const result = await changePassword(handle.db, {
			userId,
			currentPassword: OLD,
			newPassword: NEW,
			now: T0,
			userAgent: 'test',
			twoFactorVerified: true
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		for (const s of [a, b]) {
			expect(await validateSessionToken(handle.db, s.token, { now: T0 })).toBeNull();
		}
		expect(await validateSessionToken(handle.db, other.token, { now: T0 })).not.toBeNull();
		const fresh = await validateSessionToken(handle.db, result.token, { now: T0 });
		expect(fresh?.session.twoFactorVerified).toBe(true);
		expect((await listUserSessions(handle.db, userId, { now: T0 })).map((s) => s.id)).toEqual([
			result.session.id
		]);
		const [row] = await handle.db.select().from(users).where(eq(users.id, userId));
		expect(row!.passwordChangedAt?.getTime()).toBe(T0.getTime());
		expect((await login(OLD)).ok).toBe(false);
		expect((await login(NEW)).ok).toBe(true);
		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'auth.password_changed'));
		expect(audit).toHaveLength(1);
		expect(`${audit[0]!.after}`).not.toContain(NEW);
	});

	it('ends one own session, other sessions but the current, never another user’s', async () => {
		const current = await createSession(handle.db, userId, { now: T0 });
		const s2 = await createSession(handle.db, userId, { now: T0 });
		const s3 = await createSession(handle.db, userId, { now: T0 });
		const foreign = await createSession(handle.db, otherId, { now: T0 });
		expect(await endOwnSession(handle.db, userId, foreign.session.id)).toBe(false);
		expect(await endOwnSession(handle.db, userId, s2.session.id)).toBe(true);
		expect(await endOtherSessions(handle.db, userId, current.session.id)).toBeGreaterThanOrEqual(1);
		const left = await listUserSessions(handle.db, userId, { now: T0 });
		expect(left.map((s) => s.id)).toEqual([current.session.id]);
		expect(await validateSessionToken(handle.db, s3.token, { now: T0 })).toBeNull();
		expect(await validateSessionToken(handle.db, foreign.token, { now: T0 })).not.toBeNull();
	});
});
