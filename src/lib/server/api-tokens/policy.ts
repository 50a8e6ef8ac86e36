import { can, type Capability, type Principal } from '../auth/permissions';
import { apiTokenScopeValues, type ApiTokenScope } from '../../schemas/api-tokens';

export type { ApiTokenScope };

/**
 * What each token scope stands for. Creating a token needs all of its capabilities in the city,
 * and so does every use: a token never grants more than its creator holds at that moment.
 */
export const apiTokenCapabilities: Record<ApiTokenScope, readonly Capability[]> = {
	read: ['measurement:read_unreleased'],
	write: ['measurement:read_unreleased', 'measurement:write']
};

export function mayHoldApiToken(
	principal: Principal,
	organisationId: number,
	scope: ApiTokenScope
): boolean {
	return apiTokenCapabilities[scope].every((c) => can(principal, c, { organisationId }));
}

/** The scopes the principal may create a token with for the city; empty: none at all. */
export function apiTokenScopesFor(principal: Principal, organisationId: number): ApiTokenScope[] {
	return apiTokenScopeValues.filter((scope) => mayHoldApiToken(principal, organisationId, scope));
}

/**
 * For API endpoints: whether a request authenticated with the token may use the capability in
 * the organisation. The token's city and scope and the creator's current roles must all allow it.
 */
export function apiTokenCan(
	auth: { token: { organisationId: number; scope: ApiTokenScope }; principal: Principal },
	capability: Capability,
	scope: { organisationId: number }
): boolean {
	return (
		scope.organisationId === auth.token.organisationId &&
		apiTokenCapabilities[auth.token.scope].includes(capability) &&
		can(auth.principal, capability, scope)
	);
}
