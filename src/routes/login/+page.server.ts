import { redirect } from '@sveltejs/kit';
import { superValidate, message, type Infer } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { allowAnonymous, requireSession } from '$lib/server/auth/guards';
import { deleteLoginCookies, setSessionCookie } from '$lib/server/auth/cookie';
import { attemptLogin } from '$lib/server/auth/login';
import { safeRedirectTarget } from '$lib/server/auth/redirect-target';
import { throttledMessage } from '$lib/server/auth/throttle-message';
import { invalidateUserSessions } from '$lib/server/auth/sessions';
import { recordAudit } from '$lib/server/auth/audit';
import { appDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { demoInstallationOnce } from '$lib/server/directory/queries';
import { DEMO_PASSWORD, demoAccounts } from '$lib/server/db/seed/demo-users';
import { loginSchema } from '$lib/schemas/login';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';
import { errorNotice, type FormNotice } from '$lib/schemas/form-notice';
import { localLoginEnabled, ssoSettings } from '$lib/server/auth/sso/settings';
import { endSessionUrl } from '$lib/server/auth/sso/login';
import { ssoRefusalMessage } from './sso-message';

export const load: PageServerLoad = async (event) => {
	const viewer = allowAnonymous(event);
	const redirectTo = safeRedirectTarget(event.url.searchParams.get('redirectTo'), event.url.origin);
	if (viewer.kind === 'user') redirect(303, redirectTo);
	const form = await superValidate<Infer<typeof loginSchema>, FormNotice>(
		{ redirectTo },
		zod4(loginSchema),
		{ errors: false }
	);
	const localLogin = localLoginEnabled();
	// Demo accounts log in with a password: nothing to show where passwords are switched off.
	const demo = localLogin && (await demoInstallationOnce(appDb()));
	const ssoHref = ssoSettings() ? routes.loginSso(redirectTo) : null;
	return {
		form,
		localLogin,
		ssoHref,
		ssoMessage: ssoRefusalMessage(event.url.searchParams.get('sso')),
		demoAccounts: demo ? demoAccounts.map(({ email, role }) => ({ email, role })) : [],
		demoPassword: demo ? DEMO_PASSWORD : null
	};
};

export const actions: Actions = {
	login: async (event) => {
		allowAnonymous(event);
		const form = await readForm(event, loginSchema);
		// Switched off for this installation: refused however the post was made.
		if (!localLoginEnabled()) {
			form.data.password = '';
			return message(form, errorNotice(m.login_local_off()), { status: 403 });
		}
		const password = form.data.password;
		// The password never travels back to the browser.
		form.data.password = '';
		if (!form.valid) return failForm(400, { form });
		const result = await attemptLogin(appDb(), {
			email: form.data.email,
			password,
			address: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent'),
			now: new Date(),
			absoluteHours: env().SESSION_ABSOLUTE_HOURS
		});
		if (!result.ok) {
			const text =
				result.reason === 'throttled'
					? throttledMessage(result.retryAfterSeconds)
					: m.login_invalid();
			return message(form, errorNotice(text), {
				status: result.reason === 'throttled' ? 429 : 400
			});
		}
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		const target = safeRedirectTarget(form.data.redirectTo, event.url.origin);
		// With TOTP the session is only half open until the code is entered; an admin without
		// TOTP is sent on to enrolment by the guard of whatever page comes next.
		if (result.hasTotp) {
			redirect(303, routes.loginSecondFactor(target));
		}
		redirect(303, target);
	},
	logout: async (event) => {
		const viewer = requireSession(event);
		const session = event.locals.session;
		// Issue 3: logout ends all of the user's sessions, not only this browser's.
		const ended = await invalidateUserSessions(appDb(), viewer.principal.userId);
		await recordAudit(appDb(), {
			userId: viewer.principal.userId,
			action: 'auth.logout',
			entity: 'session',
			after: { sessionsEnded: ended }
		});
		deleteLoginCookies(event.cookies, event.url);
		const loginPage = new URL(routes.login(), event.url.origin);
		// Signed in through the provider: end the provider's session too, or the next click on
		// the SSO button would log the person straight back in.
		const settings = ssoSettings();
		const providerLogout =
			settings && session ? await endSessionUrl(settings, session, loginPage) : null;
		redirect(303, providerLogout?.href ?? loginPage.pathname);
	}
};
