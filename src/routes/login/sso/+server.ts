import { error, redirect } from '@sveltejs/kit';
import { allowAnonymous } from '$lib/server/auth/guards';
import { safeRedirectTarget } from '$lib/server/auth/redirect-target';
import { startSsoLogin } from '$lib/server/auth/sso/login';
import { setPendingLogin } from '$lib/server/auth/sso/pending-cookie';
import { ssoSettings } from '$lib/server/auth/sso/settings';
import { logger } from '$lib/server/ops/logger';
import { getLocale } from '$lib/paraglide/runtime';
import { routes } from '$lib/routes';
import type { RequestHandler } from './$types';

/** The SSO button: off to the provider, with state, nonce and PKCE kept in a cookie. */
export const GET: RequestHandler = async (event) => {
	allowAnonymous(event);
	const settings = ssoSettings();
	if (!settings) error(404);
	const redirectTo = safeRedirectTarget(event.url.searchParams.get('redirectTo'), event.url.origin);
	let started: Awaited<ReturnType<typeof startSsoLogin>>;
	try {
		started = await startSsoLogin(settings, {
			origin: event.url.origin,
			redirectTo,
			locale: getLocale()
		});
	} catch (e) {
		logger().error({ event: 'sso.discovery_failed', reason: (e as Error).message });
		redirect(303, routes.loginSsoRefused('unavailable'));
	}
	setPendingLogin(event.cookies, event.url, started.pending);
	redirect(303, started.authorizationUrl.href);
};
