import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { localized } from './format/local-name';

export type RoleName =
	'admin' | 'observer' | 'city_leadership' | 'controller' | 'approver' | 'field_lead';

export const roleLabel: Record<RoleName, () => string> = {
	admin: m.role_admin,
	observer: m.role_observer,
	city_leadership: m.role_city_leadership,
	controller: m.role_controller,
	approver: m.role_approver,
	field_lead: m.role_field_lead
};

/** "Controlling – Köln", "Feldleitung – D115", "Administration". */
export function describeRole(r: {
	role: RoleName;
	organisationName: string | null;
	fieldNameDe: string | null;
	fieldNameEn: string | null;
}): string {
	const scope = r.organisationName ?? localized(r, 'fieldName', getLocale()) ?? null;
	return scope ? `${roleLabel[r.role]()} – ${scope}` : roleLabel[r.role]();
}

export function passwordProblemMessage(problem: 'too_short' | 'too_long' | 'too_common'): string {
	switch (problem) {
		case 'too_short':
			return m.admin_password_too_short();
		case 'too_long':
			return m.admin_password_too_long();
		case 'too_common':
			return m.admin_password_too_common();
	}
}
