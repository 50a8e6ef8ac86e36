import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, setUserActive } from '../../src/lib/server/admin/users';
import {
	issuePasswordLink,
	issueToken,
	passwordTokenState,
	setPasswordWithToken
} from '../../src/lib/server/admin/password-links';
import { changePassword } from '../../src/lib/server/auth/account';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { createUser } from '../../src/lib/server/auth/users';
import { auditLog, users } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

/*
 * Issue 14.14: a set-password link is a credential. Once the password is set or changed by any
 * way, or a newer link replaces it, every older link of that person must stop working; otherwise
 * a link lying in a forwarded mail still opens the account days later.
 */

const NOW = new Date('2026-05-04T09:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const FIRST = 'erstes langes Passwort für Hamm';
const SECOND = 'zweites langes Passwort für Hamm';

describe('set-password links end with any password set or change', () => {
	let handle: DatabaseHandle;
	let adminId: number;
	let n = 0;

	beforeAll(async () => {
		handle = await createTestDatabase();
		adminId = (
			await createUser(handle.db, {
				email: 'admin@example.org',
				displayName: 'Admin',
				roles: [{ role: 'admin', organisationId: null, fieldId: null }]
			})
		).id;
	});
	afterAll(() => handle.close());

	/** A new account without a password, with the link that came with it. */
	async function newAccount() {
		n++;
		const created = await createAccount(handle.db, {
			actorUserId: adminId,
			email: `person${n}@hamm.de`,
			displayName: `Person ${n}`,
			now: NOW
		});
		if (!created.ok) throw new Error('account not created');
		return { userId: created.user.id, link: created.setPasswordToken! };
	}

	const hashOf = async (userId: number) =>
		(await handle.db.select().from(users).where(eq(users.id, userId)))[0]!.passwordHash!;

	it('setting the password through one link ends the person’s other links', async () => {
		const { userId, link } = await newAccount();
		// A second link issued before (e.g. by a setup script): both are outstanding.
		const other = await issueToken(handle.db, userId, NOW);
		expect(await passwordTokenState(handle.db, other, later(1))).toBe('valid');

		expect(
			await setPasswordWithToken(handle.db, { token: link, password: FIRST, now: later(5) })
		).toMatchObject({ ok: true });
		expect(await passwordTokenState(handle.db, other, later(6))).toBe('revoked');
		expect(
			await setPasswordWithToken(handle.db, { token: other, password: SECOND, now: later(6) })
		).toEqual({ ok: false, reason: 'revoked' });
		expect(await verifyPassword(await hashOf(userId), FIRST)).toBe(true);
		// The used link still reads as used, not as replaced.
		expect(await passwordTokenState(handle.db, link, later(7))).toBe('used');
	});

	it('a password change in the account ends the person’s outstanding links', async () => {
		const { userId, link } = await newAccount();
		await setPasswordWithToken(handle.db, { token: link, password: FIRST, now: later(1) });
		// The admin sends a link after all (the person said they had forgotten the password) …
		const reset = (await issuePasswordLink(handle.db, {
			actorUserId: adminId,
			userId,
			now: later(2)
		}))!;
		expect(await passwordTokenState(handle.db, reset, later(3))).toBe('valid');
		// … but the person remembers it and changes it in the account.
		const changed = await changePassword(handle.db, {
			userId,
			currentPassword: FIRST,
			newPassword: SECOND,
			now: later(4),
			userAgent: null,
			twoFactorVerified: false
		});
		expect(changed.ok).toBe(true);
		expect(await passwordTokenState(handle.db, reset, later(5))).toBe('revoked');
		expect(
			await setPasswordWithToken(handle.db, { token: reset, password: FIRST, now: later(5) })
		).toEqual({ ok: false, reason: 'revoked' });
		expect(await verifyPassword(await hashOf(userId), SECOND)).toBe(true);
	});

	it('a new link from the admin replaces the older ones', async () => {
		const { userId, link } = await newAccount();
		const fresh = (await issuePasswordLink(handle.db, {
			actorUserId: adminId,
			userId,
			now: later(10)
		}))!;
		expect(await passwordTokenState(handle.db, link, later(11))).toBe('revoked');
		expect(await passwordTokenState(handle.db, fresh, later(11))).toBe('valid');
		expect(
			await setPasswordWithToken(handle.db, { token: link, password: FIRST, now: later(12) })
		).toEqual({ ok: false, reason: 'revoked' });
		expect(
			await setPasswordWithToken(handle.db, { token: fresh, password: SECOND, now: later(12) })
		).toMatchObject({ ok: true });
	});

	it('deactivation ends the links for good: reactivating does not bring them back', async () => {
		const { userId, link } = await newAccount();
		await setUserActive(handle.db, { actorUserId: adminId, userId, active: false });
		await setUserActive(handle.db, { actorUserId: adminId, userId, active: true });
		expect(await passwordTokenState(handle.db, link, later(1))).toBe('revoked');
	});

	it('two links submitted at the same moment: exactly one sets the password, no error', async () => {
		const { userId, link } = await newAccount();
		const other = await issueToken(handle.db, userId, NOW);
		const results = await Promise.all([
			setPasswordWithToken(handle.db, { token: link, password: FIRST, now: later(1) }),
			setPasswordWithToken(handle.db, { token: other, password: SECOND, now: later(1) })
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'revoked' });
		const winner = results[0]!.ok ? FIRST : SECOND;
		expect(await verifyPassword(await hashOf(userId), winner)).toBe(true);
	});

	it('records how many links ended, in the audit entry of the change', async () => {
		const { userId, link } = await newAccount();
		await issueToken(handle.db, userId, NOW);
		await issueToken(handle.db, userId, NOW);
		await setPasswordWithToken(handle.db, { token: link, password: FIRST, now: later(1) });
		const [entry] = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'user.password_set'))
			.orderBy(auditLog.id)
			.then((rows) => rows.filter((r) => r.entityId === String(userId)));
		expect(JSON.parse(entry!.after!)).toMatchObject({ via: 'link', linksRevoked: 2 });
	});
});
