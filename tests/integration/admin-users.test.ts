import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	assignRole,
	createAccount,
	removeRole,
	setUserActive
} from '../../src/lib/server/admin/users';
import {
	issuePasswordLink,
	passwordTokenState,
	setPasswordWithToken
} from '../../src/lib/server/admin/password-links';
import { assignRoleSchema } from '../../src/lib/schemas/admin';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { createSession } from '../../src/lib/server/auth/sessions';
import { createUser, loadPrincipal } from '../../src/lib/server/auth/users';
import {
	auditLog,
	cooperationFields,
	organisations,
	passwordResetTokens,
	roleAssignments,
	sessions,
	users
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const NOW = new Date('2026-04-01T10:00:00Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

describe('admin user commands', () => {
	let handle: DatabaseHandle;
	let adminId: number;
	let hamm: number;
	let field: number;

	async function auditFor(userId: number) {
		return handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, String(userId)))
			.orderBy(auditLog.id);
	}

	beforeAll(async () => {
		handle = await createTestDatabase();
		const [org] = await handle.db
			.insert(organisations)
			.values({ kind: 'city', name: 'Hamm', slug: 'hamm', ags: '05915000' })
			.returning({ id: organisations.id });
		hamm = org!.id;
		const [f] = await handle.db
			.insert(cooperationFields)
			.values({ slug: 'd115', nameDe: 'D115', nameEn: 'D115' })
			.returning({ id: cooperationFields.id });
		field = f!.id;
		const admin = await createUser(handle.db, {
			email: 'admin@example.org',
			displayName: 'Admin',
			roles: [{ role: 'admin', organisationId: null, fieldId: null }]
		});
		adminId = admin.id;
	});
	afterAll(() => handle.close());

	it('validates the scope a role needs with a message on the right field', () => {
		const cases = [
			[{ role: 'controller' }, 'organisationId'],
			[{ role: 'controller', organisationId: 1, fieldId: 2 }, 'fieldId'],
			[{ role: 'field_lead' }, 'fieldId'],
			[{ role: 'field_lead', fieldId: 2, organisationId: 1 }, 'organisationId'],
			[{ role: 'admin', organisationId: 1 }, 'organisationId'],
			[{ role: 'observer', fieldId: 1 }, 'fieldId'],
			[{ role: 'nonsense' }, 'role']
		] as const;
		for (const [input, path] of cases) {
			const result = assignRoleSchema.safeParse(input);
			expect(result.success, JSON.stringify(input)).toBe(false);
			expect(result.error!.issues.map((i) => i.path[0])).toContain(path);
			expect(result.error!.issues.every((i) => i.message.length > 10)).toBe(true);
		}
		expect(assignRoleSchema.safeParse({ role: 'approver', organisationId: 3 }).success).toBe(true);
		expect(assignRoleSchema.safeParse({ role: 'field_lead', fieldId: 3 }).success).toBe(true);
		expect(assignRoleSchema.safeParse({ role: 'admin' }).success).toBe(true);
	});

	it('assigns and removes roles, each with its audit entry', async () => {
		const created = await createAccount(handle.db, {
			actorUserId: adminId,
			email: 'carla@hamm.de',
			displayName: 'Carla',
			password: 'ein langer satz als passwort',
			now: NOW
		});
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		expect(created.setPasswordToken).toBeNull();
		const userId = created.user.id;

		expect(
			await assignRole(handle.db, {
				actorUserId: adminId,
				userId,
				role: 'controller',
				organisationId: null,
				fieldId: null
			})
		).toEqual({ ok: false, reason: 'scope_invalid' });
		expect(
			await assignRole(handle.db, {
				actorUserId: adminId,
				userId,
				role: 'controller',
				organisationId: 999_999,
				fieldId: null
			})
		).toEqual({ ok: false, reason: 'scope_not_found' });
		const assign = {
			actorUserId: adminId,
			userId,
			role: 'controller' as const,
			organisationId: hamm,
			fieldId: null
		};
		expect(await assignRole(handle.db, assign)).toEqual({ ok: true });
		expect(await assignRole(handle.db, assign)).toEqual({ ok: false, reason: 'duplicate' });
		expect(
			await assignRole(handle.db, {
				...assign,
				role: 'field_lead',
				organisationId: null,
				fieldId: field
			})
		).toEqual({ ok: true });

		const principal = await loadPrincipal(handle.db, userId);
		expect(principal?.roles).toEqual([
			{ role: 'controller', organisationId: hamm, fieldId: null },
			{ role: 'field_lead', organisationId: null, fieldId: field }
		]);

		const [controller] = await handle.db
			.select()
			.from(roleAssignments)
			.where(eq(roleAssignments.role, 'controller'));
		// Another user's id does not remove the assignment.
		expect(
			await removeRole(handle.db, {
				actorUserId: adminId,
				userId: adminId,
				assignmentId: controller!.id
			})
		).toEqual({ ok: false });
		expect(
			await removeRole(handle.db, { actorUserId: adminId, userId, assignmentId: controller!.id })
		).toEqual({ ok: true });
		expect((await loadPrincipal(handle.db, userId))?.roles).toHaveLength(1);

		const entries = await auditFor(userId);
		expect(entries.map((e) => [e.action, e.organisationId, e.userId])).toEqual([
			['user.create', null, adminId],
			['user.role_assign', hamm, adminId],
			['user.role_assign', null, adminId],
			['user.role_remove', hamm, adminId]
		]);
		expect(JSON.parse(entries[3]!.before!)).toEqual({
			role: 'controller',
			organisationId: hamm,
			fieldId: null
		});
	});

	it('deactivation ends all sessions, is audited, and an admin cannot deactivate themself', async () => {
		const user = await createUser(handle.db, {
			email: 'dora@hamm.de',
			displayName: 'Dora',
			roles: [{ role: 'approver', organisationId: hamm, fieldId: null }]
		});
		await createSession(handle.db, user.id, { now: NOW });
		await createSession(handle.db, user.id, { now: NOW });
		await createSession(handle.db, adminId, { now: NOW });

		expect(
			await setUserActive(handle.db, { actorUserId: adminId, userId: adminId, active: false })
		).toEqual({ ok: false, reason: 'self' });
		expect(
			await setUserActive(handle.db, { actorUserId: adminId, userId: user.id, active: false })
		).toEqual({ ok: true, sessionsEnded: 2 });
		expect(await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
		expect(
			await handle.db.select().from(sessions).where(eq(sessions.userId, adminId))
		).toHaveLength(1);
		expect(await loadPrincipal(handle.db, user.id)).toBeNull();
		expect(
			await setUserActive(handle.db, { actorUserId: adminId, userId: user.id, active: false })
		).toEqual({ ok: false, reason: 'unchanged' });

		const deactivation = (await auditFor(user.id)).at(-1)!;
		expect(deactivation).toMatchObject({
			action: 'user.deactivate',
			userId: adminId,
			organisationId: hamm
		});
		expect(JSON.parse(deactivation.before!)).toEqual({ active: true });
		expect(JSON.parse(deactivation.after!)).toEqual({
			active: false,
			sessionsEnded: 2,
			linksRevoked: 0
		});

		expect(
			await setUserActive(handle.db, { actorUserId: adminId, userId: user.id, active: true })
		).toEqual({ ok: true, sessionsEnded: 0 });
		expect((await auditFor(user.id)).at(-1)!.action).toBe('user.reactivate');
	});

	it('deactivation, session end and audit entry stand or fall together', async () => {
		const user = await createUser(handle.db, {
			email: 'emil@hamm.de',
			displayName: 'Emil',
			roles: []
		});
		await createSession(handle.db, user.id, { now: NOW });
		// Make the audit insert fail: the deactivation and the session deletion must roll back.
		await handle.db.execute(sql`
			create function fail_deactivate_audit() returns trigger language plpgsql as $$
			begin
				if new.action = 'user.deactivate' then raise exception 'audit refused'; end if;
				return new;
			end $$`);
		await handle.db.execute(sql`
			create trigger fail_deactivate_audit before insert on audit_log
			for each row execute function fail_deactivate_audit()`);
		try {
			await expect(
				setUserActive(handle.db, { actorUserId: adminId, userId: user.id, active: false })
			).rejects.toThrow();
		} finally {
			await handle.db.execute(sql`drop trigger fail_deactivate_audit on audit_log`);
			await handle.db.execute(sql`drop function fail_deactivate_audit()`);
		}
		const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
		expect(row!.active).toBe(true);
		expect(
			await handle.db.select().from(sessions).where(eq(sessions.userId, user.id))
		).toHaveLength(1);
	});

	it('a set-password link works once, within 72 hours, and ends all sessions', async () => {
		const created = await createAccount(handle.db, {
			actorUserId: adminId,
			email: 'fritz@hamm.de',
			displayName: 'Fritz',
			now: NOW
		});
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const token = created.setPasswordToken!;
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(created.user.passwordHash).toBeNull();
		// Only the hash of the token is stored.
		const stored = await handle.db.select().from(passwordResetTokens);
		expect(stored.map((t) => t.id)).not.toContain(token);

		expect(await passwordTokenState(handle.db, token, hours(71))).toBe('valid');
		expect(await passwordTokenState(handle.db, 'a'.repeat(32), NOW)).toBe('unknown');
		expect(
			await setPasswordWithToken(handle.db, { token, password: 'kurz', now: hours(1) })
		).toEqual({ ok: false, reason: 'password', problems: ['too_short'] });

		await createSession(handle.db, created.user.id, { now: NOW });
		const password = 'mein eigenes langes passwort';
		const result = await setPasswordWithToken(handle.db, { token, password, now: hours(1) });
		expect(result).toEqual({ ok: true, userId: created.user.id, sessionsEnded: 1 });
		const [user] = await handle.db.select().from(users).where(eq(users.id, created.user.id));
		expect(await verifyPassword(user!.passwordHash!, password)).toBe(true);
		expect(user!.passwordChangedAt).toEqual(hours(1));

		expect(
			await setPasswordWithToken(handle.db, {
				token,
				password: 'noch ein anderes passwort',
				now: hours(2)
			})
		).toEqual({ ok: false, reason: 'used' });
		expect(await passwordTokenState(handle.db, token, hours(2))).toBe('used');

		const entries = await auditFor(created.user.id);
		expect(entries.map((e) => e.action)).toEqual(['user.create', 'user.password_set']);
		for (const entry of entries) {
			expect(`${entry.before} ${entry.after}`).not.toContain(password);
			expect(`${entry.before} ${entry.after}`).not.toContain('argon2');
			expect(`${entry.before} ${entry.after}`).not.toContain(token);
		}
	});

	it('an expired link is refused', async () => {
		const created = await createAccount(handle.db, {
			actorUserId: adminId,
			email: 'gabi@hamm.de',
			displayName: 'Gabi',
			now: NOW
		});
		if (!created.ok) throw new Error('not created');
		const token = created.setPasswordToken!;
		expect(await passwordTokenState(handle.db, token, hours(72))).toBe('expired');
		expect(
			await setPasswordWithToken(handle.db, {
				token,
				password: 'ein langer satz als passwort',
				now: hours(72)
			})
		).toEqual({ ok: false, reason: 'expired' });
		// A new link from the admin works.
		const fresh = await issuePasswordLink(handle.db, {
			actorUserId: adminId,
			userId: created.user.id,
			now: hours(80)
		});
		expect(await passwordTokenState(handle.db, fresh!, hours(81))).toBe('valid');
	});

	it('refuses a taken e-mail address and weak initial passwords', async () => {
		expect(
			await createAccount(handle.db, {
				actorUserId: adminId,
				email: 'CARLA@hamm.de',
				displayName: 'Carla 2',
				now: NOW
			})
		).toEqual({ ok: false, reason: 'email_taken' });
		expect(
			await createAccount(handle.db, {
				actorUserId: adminId,
				email: 'hans@hamm.de',
				displayName: 'Hans',
				password: 'passwort1234',
				now: NOW
			})
		).toEqual({ ok: false, reason: 'password', problems: ['too_common'] });
	});
});

describe('admin user commands where local passwords are off (LOCAL_LOGIN=off)', () => {
	let handle: DatabaseHandle;
	let adminId: number;
	beforeAll(async () => {
		handle = await createTestDatabase();
		adminId = (
			await createUser(handle.db, {
				email: 'sso-admin@ring.de',
				displayName: 'Admin',
				roles: [{ role: 'admin', organisationId: null, fieldId: null }]
			})
		).id;
	});
	afterAll(() => handle.close());

	const linksOf = (userId: number) =>
		handle.db.$count(passwordResetTokens, eq(passwordResetTokens.userId, userId));

	it('creates the account for single sign-on only: no password, no set-password link', async () => {
		const created = await createAccount(handle.db, {
			actorUserId: adminId,
			email: 'sven@hamm.de',
			displayName: 'Sven',
			now: NOW,
			localPasswords: false
		});
		if (!created.ok) throw new Error('not created');
		expect(created.setPasswordToken).toBeNull();
		expect(await linksOf(created.user.id)).toBe(0);
		const [row] = await handle.db
			.select({ passwordHash: users.passwordHash })
			.from(users)
			.where(eq(users.id, created.user.id));
		expect(row?.passwordHash).toBeNull();
	});

	it('refuses an initial password and a new set-password link', async () => {
		expect(
			await createAccount(handle.db, {
				actorUserId: adminId,
				email: 'paula@hamm.de',
				displayName: 'Paula',
				password: 'ein langer satz als passwort',
				now: NOW,
				localPasswords: false
			})
		).toEqual({ ok: false, reason: 'local_login_off' });
		const paula = await createUser(handle.db, {
			email: 'paula@hamm.de',
			displayName: 'Paula',
			roles: []
		});
		expect(
			await issuePasswordLink(handle.db, {
				actorUserId: adminId,
				userId: paula.id,
				now: NOW,
				localPasswords: false
			})
		).toBe('local_login_off');
		expect(await linksOf(paula.id)).toBe(0);
	});
});
