import { error, redirect } from '@sveltejs/kit';
import { allowAnonymous } from '$lib/server/auth/guards';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { safeRedirectTarget } from '$lib/server/auth/redirect-target';
import { completeSsoLogin } from '$lib/server/auth/sso/login';
import { takePendingLogin } from '$lib/server/auth/sso/pending-cookie';
import { ssoSettings } from '$lib/server/auth/sso/settings';
import { appDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { routes } from '$lib/routes';
import type { RequestHandler } from './$types';

/** The provider's answer. Any refusal lands on the login page with a reason it can explain. */
export const GET: RequestHandler = async (event) => {
	allowAnonymous(event);
	const settings = ssoSettings();
	if (!settings) error(404);
	const pending = takePendingLogin(event.cookies, event.url);
	if (!pending) redirect(303, routes.loginSsoRefused('failed'));
	const result = await completeSsoLogin(appDb(), settings, {
		currentUrl: event.url,
		pending,
		now: new Date(),
		userAgent: event.request.headers.get('user-agent'),
		absoluteHours: env().SESSION_ABSOLUTE_HOURS
	});
	if (!result.ok) {
		redirect(303, routes.loginSsoRefused(result.reason, pending.locale));
	}
	setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
	redirect(303, safeRedirectTarget(pending.redirectTo, event.url.origin));
};
