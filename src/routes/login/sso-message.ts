import { m } from '$lib/paraglide/messages';

/** The login page's explanation for a refused single sign-on (`/login?sso=<reason>`). */
const messages: Record<string, () => string> = {
	unknown: m.login_sso_unknown,
	disabled: m.login_sso_disabled,
	email_unverified: m.login_sso_email_unverified,
	linked_elsewhere: m.login_sso_linked_elsewhere,
	failed: m.login_sso_failed,
	unavailable: m.login_sso_unavailable
};

export function ssoRefusalMessage(reason: string | null): string | null {
	return reason !== null && Object.hasOwn(messages, reason) ? messages[reason]!() : null;
}
