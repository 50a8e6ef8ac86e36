import { and, asc, eq, exists, ilike, inArray, or } from 'drizzle-orm';
import { cooperationFields, organisations, roleAssignments, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { isUniqueViolation } from '../db/errors';
import { escapeLike } from '../db/like';
import { recordAudit } from '../auth/audit';
import { passwordProblems, type PasswordProblem } from '../auth/password';
import { roleScope, type Role } from '../auth/permissions';
import { invalidateUserSessions } from '../auth/sessions';
import { createUser, findUserByEmail, type User } from '../auth/users';
import { issueToken, revokePasswordLinks } from './password-links';
import { cityOfUser } from './user-city';

/**
 * Account administration: every change and its audit entry in one transaction. Callers have
 * already checked `user:admin`; these functions check only what the data itself requires.
 */

export interface AdminRole {
	id: number;
	role: Role;
	organisationId: number | null;
	organisationName: string | null;
	fieldId: number | null;
	fieldNameDe: string | null;
	fieldNameEn: string | null;
}

export interface AdminUser {
	id: number;
	email: string;
	displayName: string;
	active: boolean;
	hasPassword: boolean;
	/** Linked to a person at the OpenID provider (decision 0030). */
	ssoLinked: boolean;
	/** A second factor (TOTP) is set up. */
	hasSecondFactor: boolean;
	/** The last completed login; null: never logged in since this was recorded. */
	lastLoginAt: Date | null;
	createdAt: Date;
	roles: AdminRole[];
}

async function rolesOf(db: DbOrTx, userIds: number[]): Promise<(AdminRole & { userId: number })[]> {
	return db
		.select({
			id: roleAssignments.id,
			userId: roleAssignments.userId,
			role: roleAssignments.role,
			organisationId: roleAssignments.organisationId,
			organisationName: organisations.name,
			fieldId: roleAssignments.fieldId,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn
		})
		.from(roleAssignments)
		.leftJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
		.leftJoin(cooperationFields, eq(cooperationFields.id, roleAssignments.fieldId))
		.where(inArray(roleAssignments.userId, userIds))
		.orderBy(asc(roleAssignments.id));
}

function toAdminUser(user: User, roles: AdminRole[]): AdminUser {
	return {
		id: user.id,
		email: user.email,
		displayName: user.displayName,
		active: user.active,
		hasPassword: user.passwordHash !== null,
		ssoLinked: user.oidcSubject !== null,
		hasSecondFactor: user.totpSecret !== null,
		lastLoginAt: user.lastLoginAt,
		createdAt: user.createdAt,
		roles: roles.map((r) => ({
			id: r.id,
			role: r.role,
			organisationId: r.organisationId,
			organisationName: r.organisationName,
			fieldId: r.fieldId,
			fieldNameDe: r.fieldNameDe,
			fieldNameEn: r.fieldNameEn
		}))
	};
}

/** How many people the list shows at most; a search narrows it down. */
export const USER_LIST_LIMIT = 200;

/**
 * Accounts by display name, with their roles and the names of the roles' scopes. A search
 * matches part of the name, the e-mail address or the name of a city the person has a role in
 * (case-insensitive, `%` and `_` literal). At most `limit` people; `more` says the search should
 * be narrower.
 */
export async function listUsers(
	db: DbOrTx,
	options: { search?: string; limit?: number } = {}
): Promise<{ users: AdminUser[]; more: boolean }> {
	const limit = options.limit ?? USER_LIST_LIMIT;
	const search = options.search?.trim() ?? '';
	const pattern = `%${escapeLike(search)}%`;
	const rows = await db
		.select()
		.from(users)
		.where(
			search === ''
				? undefined
				: or(
						ilike(users.displayName, pattern),
						ilike(users.email, pattern),
						exists(
							db
								.select({ one: roleAssignments.id })
								.from(roleAssignments)
								.innerJoin(organisations, eq(organisations.id, roleAssignments.organisationId))
								.where(
									and(eq(roleAssignments.userId, users.id), ilike(organisations.name, pattern))
								)
						)
					)
		)
		.orderBy(asc(users.displayName), asc(users.id))
		.limit(limit + 1);
	const shown = rows.slice(0, limit);
	const roles =
		shown.length === 0
			? []
			: await rolesOf(
					db,
					shown.map((u) => u.id)
				);
	return {
		users: shown.map((u) =>
			toAdminUser(
				u,
				roles.filter((r) => r.userId === u.id)
			)
		),
		more: rows.length > limit
	};
}

export async function getAdminUser(db: DbOrTx, userId: number): Promise<AdminUser | null> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user) return null;
	return toAdminUser(user, await rolesOf(db, [userId]));
}

/** Organisations and fields a role can be scoped to. */
export async function listScopeOptions(db: DbOrTx) {
	const [orgs, fields] = await Promise.all([
		db
			.select({ id: organisations.id, name: organisations.name })
			.from(organisations)
			.orderBy(asc(organisations.name)),
		db
			.select({
				id: cooperationFields.id,
				nameDe: cooperationFields.nameDe,
				nameEn: cooperationFields.nameEn
			})
			.from(cooperationFields)
			.orderBy(asc(cooperationFields.nameDe))
	]);
	return { organisations: orgs, fields };
}

/** The city an entry about this user concerns: the one city their roles name, else none. */
export type CreateAccountResult =
	| { ok: true; user: User; setPasswordToken: string | null }
	| { ok: false; reason: 'email_taken' }
	| { ok: false; reason: 'local_login_off' }
	| { ok: false; reason: 'password'; problems: PasswordProblem[] };

/**
 * A new account without roles. Without a password, it gets a one-time set-password token,
 * created in the same transaction; only its hash is stored, the token is returned once. Where
 * local passwords are off (`localPasswords: false`, LOCAL_LOGIN=off) the account gets neither:
 * the person signs in through the provider.
 */
export async function createAccount(
	db: DbOrTx,
	input: {
		actorUserId: number | null;
		email: string;
		displayName: string;
		password?: string;
		now: Date;
		localPasswords?: boolean;
	}
): Promise<CreateAccountResult> {
	const localPasswords = input.localPasswords ?? true;
	if (!localPasswords && input.password) return { ok: false, reason: 'local_login_off' };
	if (await findUserByEmail(db, input.email)) return { ok: false, reason: 'email_taken' };
	if (input.password) {
		const problems = passwordProblems(input.password);
		if (problems.length > 0) return { ok: false, reason: 'password', problems };
	}
	try {
		if (input.password) {
			const user = await createUser(db, {
				email: input.email,
				displayName: input.displayName,
				password: input.password,
				roles: [],
				actorUserId: input.actorUserId
			});
			return { ok: true, user, setPasswordToken: null };
		}
		if (!localPasswords) {
			const user = await createUser(db, {
				email: input.email,
				displayName: input.displayName,
				roles: [],
				actorUserId: input.actorUserId
			});
			return { ok: true, user, setPasswordToken: null };
		}
		return await db.transaction(async (tx) => {
			const user = await createUser(tx, {
				email: input.email,
				displayName: input.displayName,
				roles: [],
				actorUserId: input.actorUserId
			});
			const token = await issueToken(tx, user.id, input.now);
			return { ok: true as const, user, setPasswordToken: token };
		});
	} catch (error) {
		// A concurrent creation of the same address loses on the unique index.
		if (isUniqueViolation(error, 'users_email_lower_unique'))
			return { ok: false, reason: 'email_taken' };
		throw error;
	}
}

export type RoleChangeResult =
	| { ok: true }
	| { ok: false; reason: 'user_not_found' | 'scope_invalid' | 'scope_not_found' | 'duplicate' };

export interface RoleInput {
	role: Role;
	organisationId: number | null;
	fieldId: number | null;
}

/** Whether the scope matches what the role needs (mirrors the role_assignments_scope check). */
export function scopeFits(input: RoleInput): boolean {
	switch (roleScope[input.role]) {
		case 'global':
			return input.organisationId === null && input.fieldId === null;
		case 'organisation':
			return input.organisationId !== null && input.fieldId === null;
		case 'field':
			return input.organisationId === null && input.fieldId !== null;
	}
}

export async function assignRole(
	db: DbOrTx,
	input: RoleInput & { actorUserId: number; userId: number }
): Promise<RoleChangeResult> {
	const assignment: RoleInput = {
		role: input.role,
		organisationId: input.organisationId,
		fieldId: input.fieldId
	};
	if (!scopeFits(assignment)) return { ok: false, reason: 'scope_invalid' };
	return db.transaction(async (tx) => {
		const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
		if (!user) return { ok: false, reason: 'user_not_found' };
		if (assignment.organisationId !== null) {
			const [org] = await tx
				.select({ id: organisations.id })
				.from(organisations)
				.where(eq(organisations.id, assignment.organisationId));
			if (!org) return { ok: false, reason: 'scope_not_found' };
		}
		if (assignment.fieldId !== null) {
			const [field] = await tx
				.select({ id: cooperationFields.id })
				.from(cooperationFields)
				.where(eq(cooperationFields.id, assignment.fieldId));
			if (!field) return { ok: false, reason: 'scope_not_found' };
		}
		const inserted = await tx
			.insert(roleAssignments)
			.values({ userId: input.userId, ...assignment })
			.onConflictDoNothing()
			.returning({ id: roleAssignments.id });
		if (inserted.length === 0) return { ok: false, reason: 'duplicate' };
		await recordAudit(tx, {
			userId: input.actorUserId,
			organisationId: assignment.organisationId,
			action: 'user.role_assign',
			entity: 'user',
			entityId: String(input.userId),
			after: assignment
		});
		return { ok: true };
	});
}

export async function removeRole(
	db: DbOrTx,
	input: { actorUserId: number; userId: number; assignmentId: number }
): Promise<{ ok: boolean }> {
	return db.transaction(async (tx) => {
		const [removed] = await tx
			.delete(roleAssignments)
			.where(
				and(eq(roleAssignments.id, input.assignmentId), eq(roleAssignments.userId, input.userId))
			)
			.returning();
		if (!removed) return { ok: false };
		// The person's sessions carry their roles from the database on each request, so the
		// removal takes effect at once; no session needs to end.
		await recordAudit(tx, {
			userId: input.actorUserId,
			organisationId: removed.organisationId,
			action: 'user.role_remove',
			entity: 'user',
			entityId: String(input.userId),
			before: {
				role: removed.role,
				organisationId: removed.organisationId,
				fieldId: removed.fieldId
			}
		});
		return { ok: true };
	});
}

export type ActiveChangeResult =
	| { ok: true; sessionsEnded: number }
	| { ok: false; reason: 'self' | 'user_not_found' | 'unchanged' };

/**
 * Deactivation ends all sessions and set-password links in the same transaction; nobody
 * deactivates themself.
 */
export async function setUserActive(
	db: DbOrTx,
	input: { actorUserId: number; userId: number; active: boolean }
): Promise<ActiveChangeResult> {
	if (!input.active && input.actorUserId === input.userId) return { ok: false, reason: 'self' };
	return db.transaction(async (tx) => {
		const [user] = await tx
			.select({ active: users.active })
			.from(users)
			.where(eq(users.id, input.userId))
			.for('update');
		if (!user) return { ok: false, reason: 'user_not_found' };
		if (user.active === input.active) return { ok: false, reason: 'unchanged' };
		await tx.update(users).set({ active: input.active }).where(eq(users.id, input.userId));
		const sessionsEnded = input.active ? 0 : await invalidateUserSessions(tx, input.userId);
		// Otherwise a link from before would work again after a reactivation.
		const linksRevoked = input.active ? 0 : await revokePasswordLinks(tx, input.userId, new Date());
		await recordAudit(tx, {
			userId: input.actorUserId,
			organisationId: await cityOfUser(tx, input.userId),
			action: input.active ? 'user.reactivate' : 'user.deactivate',
			entity: 'user',
			entityId: String(input.userId),
			before: { active: user.active },
			after: input.active ? { active: true } : { active: false, sessionsEnded, linksRevoked }
		});
		return { ok: true, sessionsEnded };
	});
}
