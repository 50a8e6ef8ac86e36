import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import { apiTokens, auditLog, organisations, roleAssignments, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { Principal } from '../auth/permissions';
import type { ApiTokenScope } from './policy';
import { hashApiToken, tokenFromAuthorizationHeader } from './secret';

/** What an API endpoint knows about the token of a request. */
export interface AuthenticatedApiToken {
	id: number;
	userId: number;
	organisationId: number;
	/** The city's slug, as in `/api/v1/cities/{city}/…`: the guard compares it with the URL. */
	organisationSlug: string;
	organisationName: string;
	scope: ApiTokenScope;
	expiresAt: Date;
}

export type ApiTokenAuthFailure =
	'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked' | 'inactive_user';

/** The token a refusal concerns, when it exists, so the audit entry names its owner and city. */
export interface RefusedApiToken {
	id: number;
	userId: number;
	organisationId: number;
}

export type ApiTokenAuthResult =
	| { ok: true; token: AuthenticatedApiToken; principal: Principal }
	| { ok: false; reason: ApiTokenAuthFailure; token: RefusedApiToken | null };

/**
 * Checks `Authorization: Bearer ikz_…` in one round trip: the token (looked up by its SHA-256, so
 * the database never compares the secret itself), its owner, its city and the owner's current
 * roles. A token is only as strong as its owner is now: the guard (`requireApiToken`) compares
 * the roles with what the endpoint needs, so a lost role refuses the request with 403 at once.
 */
export async function authenticateApiToken(
	db: DbOrTx,
	authorizationHeader: string | null | undefined,
	now: Date
): Promise<ApiTokenAuthResult> {
	const parsed = tokenFromAuthorizationHeader(authorizationHeader);
	if (!parsed.ok) return { ok: false, reason: parsed.reason, token: null };
	const rows = await db
		.select({
			id: apiTokens.id,
			userId: apiTokens.userId,
			organisationId: apiTokens.organisationId,
			organisationSlug: organisations.slug,
			organisationName: organisations.name,
			scope: apiTokens.scope,
			expiresAt: apiTokens.expiresAt,
			revokedAt: apiTokens.revokedAt,
			active: users.active,
			role: roleAssignments.role,
			roleOrganisationId: roleAssignments.organisationId,
			roleFieldId: roleAssignments.fieldId
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
		.leftJoin(roleAssignments, eq(roleAssignments.userId, apiTokens.userId))
		.where(eq(apiTokens.tokenHash, hashApiToken(parsed.token)))
		.orderBy(asc(roleAssignments.id));
	const row = rows[0];
	if (!row) return { ok: false, reason: 'unknown', token: null };
	const refused = { id: row.id, userId: row.userId, organisationId: row.organisationId };
	if (row.revokedAt) return { ok: false, reason: 'revoked', token: refused };
	if (row.expiresAt.getTime() <= now.getTime()) {
		return { ok: false, reason: 'expired', token: refused };
	}
	if (!row.active) return { ok: false, reason: 'inactive_user', token: refused };
	const roles = rows.flatMap((r) =>
		r.role === null
			? []
			: [{ role: r.role, organisationId: r.roleOrganisationId, fieldId: r.roleFieldId }]
	);
	return {
		ok: true,
		token: {
			id: row.id,
			userId: row.userId,
			organisationId: row.organisationId,
			organisationSlug: row.organisationSlug,
			organisationName: row.organisationName,
			scope: row.scope,
			expiresAt: row.expiresAt
		},
		principal: { userId: row.userId, roles }
	};
}

/** One request to the API, as the audit log keeps it: never the token, never a query string. */
export interface ApiRequestRecord {
	method: string;
	path: string;
	status: number;
}

const auditedRequest = (request: ApiRequestRecord) => ({
	method: request.method.toUpperCase(),
	path: request.path.slice(0, 300),
	status: request.status
});

/**
 * The audit entry of one request made with a token, written after the response is known (its
 * status is part of the entry). One statement: the token's `lastUsedAt` moves in a CTE of the
 * same INSERT, so auditing every use costs one round trip. The condition keeps a slower
 * concurrent request from moving the time backwards.
 */
export async function recordApiTokenUse(
	db: DbOrTx,
	token: Pick<AuthenticatedApiToken, 'id' | 'userId' | 'organisationId' | 'scope'>,
	request: ApiRequestRecord,
	now: Date
): Promise<void> {
	const touch = db.$with('touch').as(
		db
			.update(apiTokens)
			.set({ lastUsedAt: now })
			.where(
				and(
					eq(apiTokens.id, token.id),
					or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now))
				)
			)
			.returning({ id: apiTokens.id })
	);
	await db
		.with(touch)
		.insert(auditLog)
		.values({
			userId: token.userId,
			organisationId: token.organisationId,
			action: 'api_token.use',
			entity: 'api_token',
			entityId: String(token.id),
			after: JSON.stringify({ ...auditedRequest(request), scope: token.scope })
		});
}

/**
 * The audit entry of a refused credential (malformed, unknown, expired, revoked, owner
 * deactivated), like a failed login. A request without an Authorization header presents no
 * credential and is not recorded: it is no attempt to use a token.
 */
export async function recordApiTokenRefusal(
	db: DbOrTx,
	refusal: { reason: Exclude<ApiTokenAuthFailure, 'missing'>; token: RefusedApiToken | null },
	request: ApiRequestRecord
): Promise<void> {
	await db.insert(auditLog).values({
		userId: refusal.token?.userId ?? null,
		organisationId: refusal.token?.organisationId ?? null,
		action: 'api_token.refused',
		entity: 'api_token',
		entityId: refusal.token ? String(refusal.token.id) : null,
		after: JSON.stringify({ ...auditedRequest(request), reason: refusal.reason })
	});
}
