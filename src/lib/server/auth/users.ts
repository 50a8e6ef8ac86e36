import { asc, eq, sql } from 'drizzle-orm';
import { roleAssignments, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { recordAudit } from './audit';
import { hashPassword, passwordProblems, type PasswordProblem } from './password';
import type { Principal, RoleAssignment } from './permissions';

export type User = typeof users.$inferSelect;

export class PasswordPolicyError extends Error {
	constructor(readonly problems: PasswordProblem[]) {
		super(`password rejected: ${problems.join(', ')}`);
		this.name = 'PasswordPolicyError';
	}
}

export interface NewUser {
	email: string;
	displayName: string;
	/** Omitted: the account exists but cannot log in until a password is set. */
	password?: string;
	roles: RoleAssignment[];
	/** Who creates the account, for the audit log; null for setup scripts. */
	actorUserId?: number | null;
}

/**
 * Creates the user, the role assignments and the audit entry in one transaction, so there is
 * never an account without its roles or without a trace. The password is checked and hashed
 * beforehand: argon2 is slow and must not hold the transaction open.
 */
export async function createUser(db: DbOrTx, input: NewUser): Promise<User> {
	let passwordHash: string | null = null;
	if (input.password !== undefined) {
		const problems = passwordProblems(input.password);
		if (problems.length > 0) throw new PasswordPolicyError(problems);
		passwordHash = await hashPassword(input.password);
	}
	const email = input.email.trim();
	const displayName = input.displayName.trim();
	return db.transaction(async (tx) => {
		const [user] = await tx.insert(users).values({ email, displayName, passwordHash }).returning();
		if (!user) throw new Error('user insert returned no row');
		if (input.roles.length > 0) {
			await tx.insert(roleAssignments).values(
				input.roles.map((r) => ({
					userId: user.id,
					role: r.role,
					organisationId: r.organisationId,
					fieldId: r.fieldId
				}))
			);
		}
		// Attribute the entry to a city when the roles name exactly one, so its leadership sees it.
		const cities = new Set(input.roles.flatMap((r) => r.organisationId ?? []));
		await recordAudit(tx, {
			userId: input.actorUserId ?? null,
			organisationId: cities.size === 1 ? [...cities][0] : null,
			action: 'user.create',
			entity: 'user',
			entityId: String(user.id),
			// Deliberately no password and no hash.
			after: { email, displayName, hasPassword: passwordHash !== null, roles: input.roles }
		});
		return user;
	});
}

/** A completed login: the admin's user list shows when each person last logged in. */
export async function recordLogin(db: DbOrTx, userId: number, now: Date): Promise<void> {
	await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
}

/** Case-insensitive, matching the unique index on lower(email). */
export async function findUserByEmail(db: DbOrTx, email: string): Promise<User | null> {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
	return user ?? null;
}

/** The roles of an active user, as permissions.ts needs them; null for unknown or inactive. */
export async function loadPrincipal(db: DbOrTx, userId: number): Promise<Principal | null> {
	const rows = await db
		.select({
			active: users.active,
			role: roleAssignments.role,
			organisationId: roleAssignments.organisationId,
			fieldId: roleAssignments.fieldId
		})
		.from(users)
		.leftJoin(roleAssignments, eq(roleAssignments.userId, users.id))
		.where(eq(users.id, userId))
		.orderBy(asc(roleAssignments.id));
	const first = rows[0];
	if (!first || !first.active) return null;
	return {
		userId,
		roles: rows.flatMap((r) =>
			r.role === null
				? []
				: [{ role: r.role, organisationId: r.organisationId, fieldId: r.fieldId }]
		)
	};
}
