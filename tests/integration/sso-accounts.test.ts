import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSsoAccount, unlinkSsoIdentity } from '../../src/lib/server/auth/sso/accounts';
import { createSession } from '../../src/lib/server/auth/sessions';
import { createUser } from '../../src/lib/server/auth/users';
import { auditLog, roleAssignments, sessions, users } from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

const ISSUER = 'https://login.stadt.example/realms/ikz';
const none = new Map();

describe('resolveSsoAccount', () => {
	let handle: DatabaseHandle;
	let carla: number;
	beforeAll(async () => {
		handle = await createTestDatabase();
		carla = (
			await createUser(handle.db, {
				email: 'Carla@Stadt.example',
				displayName: 'Carla',
				roles: [{ role: 'observer', organisationId: null, fieldId: null }]
			})
		).id;
	});
	afterAll(() => handle.close());

	const resolve = (
		subject: string,
		email: string | null,
		extra: Partial<Parameters<typeof resolveSsoAccount>[1]> = {}
	) =>
		resolveSsoAccount(handle.db, {
			issuer: ISSUER,
			identity: { subject, email, emailVerified: true },
			displayName: null,
			allowUnknown: false,
			groups: null,
			groupRoles: none,
			...extra
		});

	const globalRoles = async (userId: number) =>
		(
			await handle.db
				.select({ role: roleAssignments.role })
				.from(roleAssignments)
				.where(
					and(
						eq(roleAssignments.userId, userId),
						isNull(roleAssignments.organisationId),
						isNull(roleAssignments.fieldId)
					)
				)
		)
			.map((r) => r.role)
			.sort();

	it('links the pre-provisioned account by its e-mail (any case), once, with an audit entry', async () => {
		expect(await resolve('carla-1', 'carla@stadt.EXAMPLE')).toEqual({ ok: true, userId: carla });
		const [row] = await handle.db
			.select({ issuer: users.oidcIssuer, subject: users.oidcSubject })
			.from(users)
			.where(eq(users.id, carla));
		expect(row).toEqual({ issuer: ISSUER, subject: 'carla-1' });
		const linked = await handle.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'user.sso_linked'), eq(auditLog.userId, carla)));
		expect(linked).toHaveLength(1);
	});

	it('finds the linked account by subject, whatever e-mail the provider now sends', async () => {
		expect(await resolve('carla-1', 'c.neu@stadt.example')).toEqual({ ok: true, userId: carla });
		expect(await resolve('carla-1', null)).toEqual({ ok: true, userId: carla });
	});

	it('does not let a second subject with the same e-mail take the account over', async () => {
		expect(await resolve('carla-2', 'carla@stadt.example')).toEqual({
			ok: false,
			reason: 'linked_elsewhere'
		});
	});

	it('treats the same subject at another issuer as another person', async () => {
		expect(
			await resolve('carla-1', 'nobody@stadt.example', { issuer: 'https://other.example' })
		).toEqual({ ok: false, reason: 'unknown' });
	});

	it('creates an account without roles only where unknown people are allowed', async () => {
		expect(await resolve('neu-1', 'neu@stadt.example')).toEqual({ ok: false, reason: 'unknown' });
		expect(
			await handle.db.select().from(users).where(eq(users.email, 'neu@stadt.example'))
		).toEqual([]);
		const created = await resolve('neu-1', 'neu@stadt.example', {
			allowUnknown: true,
			displayName: 'Nora Neu'
		});
		expect(created.ok).toBe(true);
		const userId = created.ok ? created.userId : -1;
		const [row] = await handle.db
			.select({ name: users.displayName, subject: users.oidcSubject, hash: users.passwordHash })
			.from(users)
			.where(eq(users.id, userId));
		expect(row).toEqual({ name: 'Nora Neu', subject: 'neu-1', hash: null });
		expect(await globalRoles(userId)).toEqual([]);
	});

	it("maps the operator's groups to global roles at each login, leaving other roles alone", async () => {
		const mapping = new Map([['ikz-admins', 'admin' as const]]);
		await resolve('carla-1', null, { groups: ['ikz-admins'], groupRoles: mapping });
		expect(await globalRoles(carla)).toEqual(['admin', 'observer']);
		await resolve('carla-1', null, { groups: [], groupRoles: mapping });
		expect(await globalRoles(carla)).toEqual(['observer']);
	});

	it('after the administrator removes the link, a new subject links again by e-mail', async () => {
		await createSession(handle.db, carla, { now: new Date() });
		expect(await unlinkSsoIdentity(handle.db, { actorUserId: carla, userId: carla })).toEqual({
			ok: true,
			sessionsEnded: 1
		});
		expect(await handle.db.select().from(sessions).where(eq(sessions.userId, carla))).toEqual([]);
		expect(await unlinkSsoIdentity(handle.db, { actorUserId: carla, userId: carla })).toEqual({
			ok: false
		});
		expect(await resolve('carla-1', null)).toEqual({ ok: false, reason: 'unknown' });
		expect(await resolve('carla-neu', 'carla@stadt.example')).toEqual({ ok: true, userId: carla });
	});

	it('refuses a disabled account', async () => {
		await handle.db.update(users).set({ active: false }).where(eq(users.id, carla));
		expect(await resolve('carla-neu', null)).toEqual({ ok: false, reason: 'disabled' });
	});
});
