import { and, asc, desc, eq, getTableColumns, isNull } from 'drizzle-orm';
import { apiTokens, organisations } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { recordAudit } from '../auth/audit';
import type { Principal } from '../auth/permissions';
import { loadPrincipal } from '../auth/users';
import { API_TOKEN_DAYS_MAX, API_TOKEN_NAME_MAX } from '../../schemas/api-tokens';
import { apiTokenScopesFor, mayHoldApiToken, type ApiTokenScope } from './policy';
import { generateApiToken, hashApiToken } from './secret';

export { authenticateApiToken, recordApiTokenRefusal, recordApiTokenUse } from './authenticate';
export type { ApiTokenAuthResult, AuthenticatedApiToken } from './authenticate';
export { apiTokenCan } from './policy';

/** A token row as it may leave this module: never its hash. */
export type ApiTokenRow = Omit<typeof apiTokens.$inferSelect, 'tokenHash'>;
export type ApiTokenStatus = 'active' | 'expired' | 'revoked';
export interface ApiTokenListItem extends ApiTokenRow {
	organisationName: string;
	status: ApiTokenStatus;
}

const DAY = 86_400_000;
// Every column but the hash, for `returning` and `select`.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { tokenHash: _hash, ...publicColumns } = getTableColumns(apiTokens);

export function apiTokenStatus(
	token: Pick<ApiTokenRow, 'expiresAt' | 'revokedAt'>,
	now: Date
): ApiTokenStatus {
	if (token.revokedAt) return 'revoked';
	return token.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export type CreateApiTokenResult =
	| { ok: true; token: string; row: ApiTokenRow }
	| { ok: false; reason: 'not_permitted' | 'write_not_permitted' };

/**
 * Creates a token for one city. The creator's roles are loaded here, not taken from the caller:
 * a token needs `measurement:read_unreleased` in the city, a write token also `measurement:write`.
 * The plain token is returned once and appears nowhere else, not even in the audit log.
 */
export async function createApiToken(
	db: DbOrTx,
	input: {
		userId: number;
		organisationId: number;
		name: string;
		scope: ApiTokenScope;
		expiresInDays: number;
		now: Date;
	}
): Promise<CreateApiTokenResult> {
	const name = input.name.trim();
	const length = [...name].length;
	if (length < 1 || length > API_TOKEN_NAME_MAX) throw new RangeError('token name length');
	const days = input.expiresInDays;
	if (!Number.isInteger(days) || days < 1 || days > API_TOKEN_DAYS_MAX) {
		throw new RangeError('token expiry days');
	}
	return db.transaction(async (tx) => {
		const principal = await loadPrincipal(tx, input.userId);
		if (!principal || !mayHoldApiToken(principal, input.organisationId, 'read')) {
			return { ok: false as const, reason: 'not_permitted' as const };
		}
		if (!mayHoldApiToken(principal, input.organisationId, input.scope)) {
			return { ok: false as const, reason: 'write_not_permitted' as const };
		}
		const token = generateApiToken();
		const [row] = await tx
			.insert(apiTokens)
			.values({
				userId: input.userId,
				organisationId: input.organisationId,
				name,
				scope: input.scope,
				tokenHash: hashApiToken(token),
				createdAt: input.now,
				expiresAt: new Date(input.now.getTime() + days * DAY)
			})
			.returning(publicColumns);
		if (!row) throw new Error('api token insert returned no row');
		await recordAudit(tx, {
			userId: input.userId,
			organisationId: input.organisationId,
			action: 'api_token.create',
			entity: 'api_token',
			entityId: String(row.id),
			after: { name, scope: row.scope, expiresAt: row.expiresAt.toISOString() }
		});
		return { ok: true as const, token, row };
	});
}

/** The user's own tokens, newest first, with their city and status; never a hash. */
export async function listApiTokens(
	db: DbOrTx,
	userId: number,
	now: Date = new Date()
): Promise<ApiTokenListItem[]> {
	const rows = await db
		.select({ ...publicColumns, organisationName: organisations.name })
		.from(apiTokens)
		.innerJoin(organisations, eq(organisations.id, apiTokens.organisationId))
		.where(eq(apiTokens.userId, userId))
		.orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
	return rows.map((row) => ({ ...row, status: apiTokenStatus(row, now) }));
}

/** The cities the principal may create a token for, with the scopes allowed there. */
export async function apiTokenCities(
	db: DbOrTx,
	principal: Principal
): Promise<{ id: number; slug: string; name: string; scopes: ApiTokenScope[] }[]> {
	const cities = await db
		.select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
		.from(organisations)
		.where(eq(organisations.kind, 'city'))
		.orderBy(asc(organisations.name));
	return cities
		.map((city) => ({ ...city, scopes: apiTokenScopesFor(principal, city.id) }))
		.filter((city) => city.scopes.length > 0);
}

export type RevokeApiTokenResult =
	{ ok: true; name: string } | { ok: false; reason: 'not_found' | 'already_revoked' };

/**
 * Revokes one of the user's own tokens; another user's token counts as not found. The row stays,
 * for the audit trail. The condition on revoked_at keeps two concurrent revocations from both
 * writing an audit entry.
 */
export async function revokeApiToken(
	db: DbOrTx,
	input: { userId: number; tokenId: number; now: Date }
): Promise<RevokeApiTokenResult> {
	return db.transaction(async (tx) => {
		const own = and(eq(apiTokens.id, input.tokenId), eq(apiTokens.userId, input.userId));
		const [row] = await tx
			.update(apiTokens)
			.set({ revokedAt: input.now })
			.where(and(own, isNull(apiTokens.revokedAt)))
			.returning({
				id: apiTokens.id,
				name: apiTokens.name,
				organisationId: apiTokens.organisationId
			});
		if (!row) {
			const [existing] = await tx.select({ id: apiTokens.id }).from(apiTokens).where(own);
			return { ok: false as const, reason: existing ? 'already_revoked' : 'not_found' } as const;
		}
		await recordAudit(tx, {
			userId: input.userId,
			organisationId: row.organisationId,
			action: 'api_token.revoke',
			entity: 'api_token',
			entityId: String(row.id),
			after: { name: row.name }
		});
		return { ok: true as const, name: row.name };
	});
}
