import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { can } from '../../src/lib/server/auth/permissions';
import {
	createUser,
	findUserByEmail,
	loadPrincipal,
	PasswordPolicyError
} from '../../src/lib/server/auth/users';
import {
	auditLog,
	cooperationFields,
	organisations,
	roleAssignments,
	users
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

describe('users', () => {
	let handle: DatabaseHandle;
	let hamm: number;
	let muenster: number;
	let field: number;

	beforeAll(async () => {
		handle = await createTestDatabase();
		const orgs = await handle.db
			.insert(organisations)
			.values([
				{ kind: 'city', name: 'Hamm', slug: 'hamm', ags: '05915000' },
				{ kind: 'city', name: 'Münster', slug: 'muenster', ags: '05515000' }
			])
			.returning({ id: organisations.id });
		hamm = orgs[0]!.id;
		muenster = orgs[1]!.id;
		const [f] = await handle.db
			.insert(cooperationFields)
			.values({ slug: 'beihilfe', nameDe: 'Beihilfe', nameEn: 'Allowances' })
			.returning({ id: cooperationFields.id });
		field = f!.id;
	});
	afterAll(() => handle.close());

	it('creates user, roles and audit entry together, without the password in the log', async () => {
		const password = 'korrekt pferd batterie';
		const user = await createUser(handle.db, {
			email: ' Carla@Hamm.de ',
			displayName: 'Carla',
			password,
			roles: [
				{ role: 'controller', organisationId: hamm, fieldId: null },
				{ role: 'field_lead', organisationId: null, fieldId: field }
			]
		});
		expect(user.email).toBe('Carla@Hamm.de');
		expect(await verifyPassword(user.passwordHash!, password)).toBe(true);
		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entityId, `${user.id}`));
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ action: 'user.create', entity: 'user', organisationId: hamm });
		expect(audit[0]!.after).not.toContain(password);
		expect(audit[0]!.after).not.toContain(user.passwordHash!);
		expect(audit[0]!.after).not.toContain('argon2');

		const principal = await loadPrincipal(handle.db, user.id);
		expect(principal?.roles).toEqual([
			{ role: 'controller', organisationId: hamm, fieldId: null },
			{ role: 'field_lead', organisationId: null, fieldId: field }
		]);
		expect(can(principal!, 'measurement:write', { organisationId: hamm })).toBe(true);
		expect(can(principal!, 'measurement:write', { organisationId: muenster })).toBe(false);
	});

	it('finds users by email regardless of case', async () => {
		await createUser(handle.db, { email: 'dora@muenster.de', displayName: 'Dora', roles: [] });
		expect((await findUserByEmail(handle.db, 'DORA@Muenster.DE '))?.displayName).toBe('Dora');
		expect(await findUserByEmail(handle.db, 'nobody@muenster.de')).toBeNull();
		await expect(
			createUser(handle.db, { email: 'Dora@Muenster.de', displayName: 'Dora 2', roles: [] })
		).rejects.toThrow();
	});

	it('rolls everything back when a role is invalid', async () => {
		const before = (await handle.db.select().from(auditLog)).length;
		await expect(
			createUser(handle.db, {
				email: 'eva@hamm.de',
				displayName: 'Eva',
				// A city role without a city violates the scope check constraint.
				roles: [{ role: 'approver', organisationId: null, fieldId: null }]
			})
		).rejects.toThrow();
		expect(await findUserByEmail(handle.db, 'eva@hamm.de')).toBeNull();
		expect(await handle.db.select().from(auditLog)).toHaveLength(before);
	});

	it('refuses weak passwords before touching the database', async () => {
		const attempt = createUser(handle.db, {
			email: 'fritz@hamm.de',
			displayName: 'Fritz',
			password: 'passwort1234',
			roles: []
		});
		await expect(attempt).rejects.toBeInstanceOf(PasswordPolicyError);
		await expect(attempt).rejects.toMatchObject({ problems: ['too_common'] });
		expect(await findUserByEmail(handle.db, 'fritz@hamm.de')).toBeNull();
	});

	it('gives no principal for unknown or deactivated users, an empty one without roles', async () => {
		expect(await loadPrincipal(handle.db, 999_999)).toBeNull();
		const gerd = await createUser(handle.db, {
			email: 'gerd@nrw.de',
			displayName: 'Gerd',
			roles: [{ role: 'observer', organisationId: null, fieldId: null }]
		});
		expect(gerd.passwordHash).toBeNull();
		const dora = (await findUserByEmail(handle.db, 'dora@muenster.de'))!;
		expect(await loadPrincipal(handle.db, dora.id)).toEqual({ userId: dora.id, roles: [] });
		await handle.db.update(users).set({ active: false }).where(eq(users.id, gerd.id));
		expect(await loadPrincipal(handle.db, gerd.id)).toBeNull();
		const stored = await handle.db
			.select()
			.from(roleAssignments)
			.where(eq(roleAssignments.userId, gerd.id));
		expect(stored).toHaveLength(1);
	});
});
