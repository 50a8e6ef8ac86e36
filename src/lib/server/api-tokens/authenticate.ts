import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { apiTokens, users } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { recordAudit } from '../auth/audit';
import type { Principal } from '../auth/permissions';
import { loadPrincipal } from '../auth/users';
import { mayHoldApiToken, type ApiTokenScope } from './policy';
import { hashApiToken, tokenFromAuthorizationHeader } from './secret';

/** What an API endpoint knows about the token of a request. */
export interface AuthenticatedApiToken {
	id: number;
	userId: number;
	organisationId: number;
	scope: ApiTokenScope;
}

export type ApiTokenAuthFailure =
	| 'missing'
	| 'malformed'
	| 'unknown'
	| 'expired'
	| 'revoked'
	| 'inactive_user'
	| 'no_longer_permitted';

export type ApiTokenAuthResult =
	| { ok: true; token: AuthenticatedApiToken; principal: Principal }
	| { ok: false; reason: ApiTokenAuthFailure };

/**
 * Checks `Authorization: Bearer ikz_…`. The lookup is by the token's SHA-256, so comparing in
 * the database reveals nothing about the token itself. The creator's roles are loaded on every
 * use: a token stops working when its creator is deactivated or loses the role it needs.
 * Endpoints still ask `apiTokenCan(...)` for what they do: the principal may hold more than the
 * token allows.
 */
export async function authenticateApiToken(
	db: DbOrTx,
	authorizationHeader: string | null | undefined,
	now: Date
): Promise<ApiTokenAuthResult> {
	const parsed = tokenFromAuthorizationHeader(authorizationHeader);
	if (!parsed.ok) return parsed;
	const [row] = await db
		.select({
			id: apiTokens.id,
			userId: apiTokens.userId,
			organisationId: apiTokens.organisationId,
			scope: apiTokens.scope,
			expiresAt: apiTokens.expiresAt,
			revokedAt: apiTokens.revokedAt,
			active: users.active
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.where(eq(apiTokens.tokenHash, hashApiToken(parsed.token)));
	if (!row) return { ok: false, reason: 'unknown' };
	if (row.revokedAt) return { ok: false, reason: 'revoked' };
	if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
	const principal = row.active ? await loadPrincipal(db, row.userId) : null;
	if (!principal) return { ok: false, reason: 'inactive_user' };
	if (!mayHoldApiToken(principal, row.organisationId, row.scope)) {
		return { ok: false, reason: 'no_longer_permitted' };
	}
	// The condition keeps a slower concurrent request from moving the time backwards.
	await db
		.update(apiTokens)
		.set({ lastUsedAt: now })
		.where(
			and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, now)))
		);
	const { id, userId, organisationId, scope } = row;
	return { ok: true, token: { id, userId, organisationId, scope }, principal };
}

/**
 * The audit entry for one request made with a token. Call it with the transaction of the change
 * (or on its own for reads), after the outcome is known. Never pass the token or a query string
 * that could hold personal data: the path is cut to 300 characters.
 */
export async function recordApiTokenUse(
	db: DbOrTx,
	token: AuthenticatedApiToken,
	request: { method: string; path: string; status: number }
): Promise<void> {
	await recordAudit(db, {
		userId: token.userId,
		organisationId: token.organisationId,
		action: 'api_token.use',
		entity: 'api_token',
		entityId: String(token.id),
		after: {
			method: request.method.toUpperCase(),
			path: request.path.slice(0, 300),
			status: request.status,
			scope: token.scope
		}
	});
}
