import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { roleAssignments, sessions, users } from '../db/schema';
import type { RoleAssignment } from './permissions';
import type { DbOrTx } from '../db/types';
import { builtOnce } from '../db/built-once';

/**
 * Sessions as in the Lucia guide: the client holds a random token, the database only its
 * SHA-256, so a leaked sessions table cannot be replayed as cookies.
 */
export type Session = typeof sessions.$inferSelect;

/** The user as a request needs it: never the password hash or the TOTP secret. */
export interface SessionUser {
	id: number;
	email: string;
	displayName: string;
	locale: string;
	hasTotp: boolean;
}

export interface SessionPolicy {
	/** Ends after this much inactivity. */
	idleMinutes: number;
	/** Ends this long after login, however active. */
	absoluteHours: number;
	/** last_active_at is written at most this often, not on every request. */
	renewAfterMinutes: number;
}

export const defaultSessionPolicy: SessionPolicy = {
	idleMinutes: 30,
	absoluteHours: 12,
	renewAfterMinutes: 5
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** 20 random bytes = 160 bits, written as 32 base32 characters. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: DbOrTx,
	userId: number,
	options: {
		now: Date;
		userAgent?: string | null;
		absoluteHours?: number;
		/** Only when the user has just proven the second factor (e.g. password change). */
		twoFactorVerified?: boolean;
		/** A login through the OpenID provider, which answers for the second factor. */
		sso?: { acr: string | null; amr: string | null; idToken: string | null };
	}
): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const absoluteHours = options.absoluteHours ?? defaultSessionPolicy.absoluteHours;
	const [session] = await db
		.insert(sessions)
		.values({
			id: sessionIdFromToken(token),
			userId,
			createdAt: options.now,
			lastActiveAt: options.now,
			expiresAt: new Date(options.now.getTime() + absoluteHours * HOUR),
			userAgent: options.userAgent ?? null,
			twoFactorVerified: options.twoFactorVerified ?? false,
			...(options.sso ? { authMethod: 'sso', ...options.sso } : {})
		})
		.returning();
	if (!session) throw new Error('session insert returned no row');
	return { token, session };
}

/** Every signed-in request's read: built once per handle (decision 0045). */
const sessionWithRoles = builtOnce((db) =>
	db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				locale: users.locale,
				active: users.active,
				totpSecret: users.totpSecret
			},
			// The roles in the same statement: every signed-in request needs them (one read, not two).
			roles: sql<RoleAssignment[]>`coalesce((
				select json_agg(json_build_object('role', ${roleAssignments.role},
					'organisationId', ${roleAssignments.organisationId}, 'fieldId', ${roleAssignments.fieldId})
					order by ${roleAssignments.id})
				from ${roleAssignments} where ${roleAssignments.userId} = ${users.id}), '[]'::json)`
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare('session_with_roles')
);

/**
 * Ended by inactivity or age. The age is checked against created_at as well as expires_at, so
 * shortening the configured lifetime also ends sessions created under the longer one.
 */
export function isSessionExpired(
	session: Pick<Session, 'createdAt' | 'lastActiveAt' | 'expiresAt'>,
	now: Date,
	policy: Pick<SessionPolicy, 'idleMinutes' | 'absoluteHours'> = defaultSessionPolicy
): boolean {
	const t = now.getTime();
	return (
		t >= session.expiresAt.getTime() ||
		t >= session.createdAt.getTime() + policy.absoluteHours * HOUR ||
		t >= session.lastActiveAt.getTime() + policy.idleMinutes * MINUTE
	);
}

export async function validateSessionToken(
	db: DbOrTx,
	token: string,
	options: { now: Date } & Partial<SessionPolicy>
): Promise<{ session: Session; user: SessionUser; roles: RoleAssignment[] } | null> {
	const policy = { ...defaultSessionPolicy, ...options };
	const { now } = options;
	const [row] = await sessionWithRoles(db).execute({ id: sessionIdFromToken(token) });
	if (!row) return null;
	const { session, user, roles } = row;
	// A deactivated user's sessions should already be gone; delete any left over, fail closed.
	if (!user.active || isSessionExpired(session, now, policy)) {
		await invalidateSession(db, session.id);
		return null;
	}
	if (now.getTime() - session.lastActiveAt.getTime() >= policy.renewAfterMinutes * MINUTE) {
		// The condition keeps a slower concurrent request from moving the time backwards.
		await db
			.update(sessions)
			.set({ lastActiveAt: now })
			.where(and(eq(sessions.id, session.id), lt(sessions.lastActiveAt, now)));
		session.lastActiveAt = now;
	}
	return {
		session,
		user: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			locale: user.locale,
			hasTotp: user.totpSecret !== null
		},
		roles
	};
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Logout everywhere, deactivation, password change. Returns how many sessions ended. */
export async function invalidateUserSessions(db: DbOrTx, userId: number): Promise<number> {
	const deleted = await db
		.delete(sessions)
		.where(eq(sessions.userId, userId))
		.returning({ id: sessions.id });
	return deleted.length;
}

/** A user's live sessions, most recently active first (for "where am I logged in"). */
export async function listUserSessions(
	db: DbOrTx,
	userId: number,
	options: { now: Date } & Partial<SessionPolicy>
): Promise<Session[]> {
	const policy = { ...defaultSessionPolicy, ...options };
	const rows = await db
		.select()
		.from(sessions)
		.where(eq(sessions.userId, userId))
		.orderBy(desc(sessions.lastActiveAt));
	return rows.filter((s) => !isSessionExpired(s, options.now, policy));
}
