/**
 * Global roles from the provider's group claim, when the operator configured a mapping
 * (OIDC_GROUPS_CLAIM + OIDC_GROUP_ROLES). Only roles without a scope can come from a group:
 * which city or field a person works for stays assigned in the app.
 */
export const mappableRoles = ['admin', 'observer'] as const;
export type MappableRole = (typeof mappableRoles)[number];

export type GroupRoleMapping = ReadonlyMap<string, MappableRole>;

/**
 * Parses "ikz-admins=admin;ikz-read=observer". Returns the problems instead of throwing, so the
 * environment check can list them with every other bad variable.
 */
export function parseGroupRoleMapping(
	text: string
): { ok: true; mapping: GroupRoleMapping } | { ok: false; problems: string[] } {
	const mapping = new Map<string, MappableRole>();
	const problems: string[] = [];
	for (const part of text.split(';')) {
		if (part.trim() === '') continue;
		const at = part.lastIndexOf('=');
		const group = part.slice(0, at).trim();
		const role = part.slice(at + 1).trim();
		if (at < 0 || group === '') problems.push(`"${part.trim()}" is not group=role`);
		else if (!(mappableRoles as readonly string[]).includes(role))
			problems.push(`"${role}" is not one of ${mappableRoles.join(', ')}`);
		else mapping.set(group, role as MappableRole);
	}
	return problems.length > 0 ? { ok: false, problems } : { ok: true, mapping };
}

/** The claim's groups: providers send a list, some a single string. */
export function groupsFromClaim(claim: unknown): string[] {
	if (typeof claim === 'string') return [claim];
	if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
	return [];
}

/**
 * What a login changes: the mapped roles the groups grant are added, mapped roles whose group
 * is gone are removed. A role the mapping never grants is the app's business and stays.
 */
export function groupRoleChanges(input: {
	current: readonly string[];
	groups: readonly string[];
	mapping: GroupRoleMapping;
}): { add: MappableRole[]; remove: MappableRole[] } {
	const granted = new Set(input.groups.flatMap((g) => input.mapping.get(g) ?? []));
	const managed = new Set(input.mapping.values());
	const current = new Set(input.current);
	return {
		add: [...granted].filter((r) => !current.has(r)).sort(),
		remove: [...managed].filter((r) => current.has(r) && !granted.has(r)).sort()
	};
}
