import { parseGroupRoleMapping, type GroupRoleMapping } from '../../../domain/auth/group-roles';
import { env, type Env } from '../../env';

/** Single sign-on as the operator configured it (decision 0030); null when it is off. */
export interface SsoSettings {
	issuer: URL;
	clientId: string;
	clientSecret: string | null;
	scopes: string;
	groupsClaim: string | null;
	groupRoles: GroupRoleMapping;
	allowUnknown: boolean;
}

export function ssoSettingsFrom(e: Env): SsoSettings | null {
	if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID) return null;
	const mapping = e.OIDC_GROUP_ROLES ? parseGroupRoleMapping(e.OIDC_GROUP_ROLES) : null;
	return {
		issuer: new URL(e.OIDC_ISSUER),
		clientId: e.OIDC_CLIENT_ID,
		clientSecret: e.OIDC_CLIENT_SECRET ?? null,
		scopes: e.OIDC_SCOPES,
		groupsClaim: e.OIDC_GROUPS_CLAIM ?? null,
		// env.ts has refused a bad mapping already.
		groupRoles: mapping?.ok ? mapping.mapping : new Map(),
		allowUnknown: e.OIDC_ALLOW_UNKNOWN
	};
}

export const ssoSettings = (): SsoSettings | null => ssoSettingsFrom(env());

export const localLoginEnabled = (): boolean => env().LOCAL_LOGIN === 'on';
