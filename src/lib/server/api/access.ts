import { m } from '../../paraglide/messages';
import type { Capability, Principal } from '../auth/permissions';
import type {
	ApiTokenAuthFailure,
	ApiTokenAuthResult,
	AuthenticatedApiToken
} from '../api-tokens/authenticate';
import { apiTokenCan, apiTokenCapabilities, type ApiTokenScope } from '../api-tokens/policy';
import { apiError, type ApiErrorCode } from './errors';

/** What an endpoint may go on with once the guard let the request through. */
export interface ApiGrant {
	ok: true;
	token: AuthenticatedApiToken;
	principal: Principal;
	/** The token's city: the only one an endpoint may read or write. */
	organisationId: number;
}
export type ApiAccess = ApiGrant | { ok: false; response: Response };

/** What an endpoint of each kind needs; a delivery answers with the values it replaces, too. */
const needed: Record<ApiTokenScope, readonly Capability[]> = {
	read: ['measurement:read_unreleased'],
	write: ['measurement:read_unreleased', 'measurement:write']
};

const refusal: Record<ApiTokenAuthFailure, { code: ApiErrorCode; message: () => string }> = {
	missing: { code: 'token_missing', message: m.api_error_token_missing },
	malformed: { code: 'token_malformed', message: m.api_error_token_malformed },
	unknown: { code: 'token_unknown', message: m.api_error_token_unknown },
	expired: { code: 'token_expired', message: m.api_error_token_expired },
	revoked: { code: 'token_revoked', message: m.api_error_token_revoked },
	inactive_user: { code: 'account_inactive', message: m.api_error_account_inactive }
};

/** RFC 6750 §3: a 401 names the scheme; `invalid_token` when a token was sent but refused. */
function unauthorized(reason: ApiTokenAuthFailure): Response {
	const challenge =
		reason === 'missing' ? 'Bearer realm="ikz"' : 'Bearer realm="ikz", error="invalid_token"';
	const { code, message } = refusal[reason];
	return apiError(401, code, message(), { headers: { 'WWW-Authenticate': challenge } });
}

/**
 * The decision behind `requireApiToken` (guards.ts), pure so it is unit tested: 401 without a
 * working token; 403 for another city than the token's, for a read token on a write endpoint and
 * when the token's owner no longer holds the capability in the city. Refusals are returned as a
 * JSON response instead of thrown: SvelteKit renders thrown errors as HTML for clients that do
 * not ask for JSON, and the API promises a JSON body on every answer.
 */
export function decideApiAccess(
	auth: ApiTokenAuthResult | null | undefined,
	citySlug: string | undefined,
	need: ApiTokenScope
): ApiAccess {
	if (!auth || !auth.ok) return { ok: false, response: unauthorized(auth?.reason ?? 'missing') };
	const { token } = auth;
	const city = token.organisationName;
	if (citySlug !== undefined && citySlug !== token.organisationSlug) {
		return {
			ok: false,
			response: apiError(403, 'foreign_city', m.api_error_foreign_city({ city }))
		};
	}
	const capabilities = needed[need];
	if (!capabilities.every((c) => apiTokenCapabilities[token.scope].includes(c))) {
		return {
			ok: false,
			response: apiError(403, 'insufficient_scope', m.api_error_insufficient_scope(), {
				headers: { 'WWW-Authenticate': 'Bearer realm="ikz", error="insufficient_scope"' }
			})
		};
	}
	const scope = { organisationId: token.organisationId };
	if (!capabilities.every((c) => apiTokenCan(auth, c, scope))) {
		return {
			ok: false,
			response: apiError(403, 'not_permitted', m.api_error_not_permitted({ city }))
		};
	}
	return { ok: true, token, principal: auth.principal, organisationId: token.organisationId };
}
