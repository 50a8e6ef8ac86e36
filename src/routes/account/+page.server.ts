import { redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { changePassword, endOtherSessions, endOwnSession } from '$lib/server/auth/account';
import { deleteLoginCookies, setSessionCookie } from '$lib/server/auth/cookie';
import { requirePermission } from '$lib/server/auth/guards';
import { recordAudit } from '$lib/server/auth/audit';
import { listUserSessions } from '$lib/server/auth/sessions';
import { appDb } from '$lib/server/db';
import { env } from '$lib/server/env';
import { passwordChangeSchema, sessionSchema } from '$lib/schemas/account';
import { mailPreferencesSchema } from '$lib/schemas/mail-preferences';
import { mailConfig } from '$lib/server/mail/config';
import { loadMailPreferences, saveMailPreferences } from '$lib/server/mail/preferences';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDateTime as formatMoment } from '$lib/format/date-time';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm, failNotice } from '$lib/server/http/form-failure';
import { successNotice } from '$lib/schemas/form-notice';
import { localLoginEnabled } from '$lib/server/auth/sso/settings';

/** Date and time in the active language, in the cities' time zone. */
const formatDateTime = (date: Date) => formatMoment(date, getLocale());

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'account:manage_own');
	const { user, session } = event.locals;
	const { SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS } = env();
	const sessions = await listUserSessions(appDb(), viewer.principal.userId, {
		now: new Date(),
		idleMinutes: SESSION_IDLE_MINUTES,
		absoluteHours: SESSION_ABSOLUTE_HOURS
	});
	return {
		account: {
			displayName: user?.displayName ?? '',
			email: user?.email ?? '',
			roles: [...new Set(viewer.principal.roles.map((r) => r.role))],
			hasTotp: user?.hasTotp ?? false
		},
		sessions: sessions.map((s) => ({
			id: s.id,
			current: s.id === session?.id,
			createdAt: formatDateTime(s.createdAt),
			lastActiveAt: formatDateTime(s.lastActiveAt),
			userAgent: s.userAgent
		})),
		passwordForm: await superValidate(zod4(passwordChangeSchema), { id: 'password' }),
		localLogin: localLoginEnabled(),
		mail: {
			enabled: mailConfig().on,
			...(await loadMailPreferences(appDb(), viewer.principal.userId))
		}
	};
};

export const actions: Actions = {
	mailPreferences: async (event) => {
		const viewer = requirePermission(event, 'account:manage_own');
		const form = await readForm(event, mailPreferencesSchema, { id: 'mailPreferences' });
		if (!form.valid) return failNotice(400, m.form_unreadable(), { formId: 'mail' });
		await saveMailPreferences(appDb(), viewer.principal.userId, form.data);
		return { formId: 'mail', notice: successNotice(m.account_mail_saved()) };
	},
	changePassword: async (event) => {
		const viewer = requirePermission(event, 'account:manage_own');
		if (!localLoginEnabled())
			return failNotice(403, m.sso_only_no_password(), { formId: 'password' });
		const form = await readForm(event, passwordChangeSchema, { id: 'password' });
		const { currentPassword, newPassword } = form.data;
		// Passwords never travel back to the browser.
		form.data = { currentPassword: '', newPassword: '', repeatPassword: '' };
		if (!form.valid) return failForm(400, { form });
		const result = await changePassword(appDb(), {
			userId: viewer.principal.userId,
			currentPassword,
			newPassword,
			now: new Date(),
			userAgent: event.request.headers.get('user-agent'),
			absoluteHours: env().SESSION_ABSOLUTE_HOURS,
			twoFactorVerified: event.locals.session?.twoFactorVerified ?? false
		});
		if (!result.ok) {
			if (result.reason === 'wrong_current') {
				return setError(form, 'currentPassword', m.account_current_password_wrong());
			}
			const texts = result.problems.map((p) =>
				p === 'too_short'
					? m.account_password_too_short()
					: p === 'too_long'
						? m.account_password_too_long()
						: m.account_password_too_common()
			);
			return setError(form, 'newPassword', texts);
		}
		// The load after this action lists the sessions: the fresh one is now the current one.
		event.locals.session = result.session;
		setSessionCookie(event.cookies, event.url, result.token, result.session.expiresAt);
		return message(form, successNotice(m.account_password_changed()));
	},
	endSession: async (event) => {
		const viewer = requirePermission(event, 'account:manage_own');
		const form = await readForm(event, sessionSchema);
		if (!form.valid) return failNotice(400, m.form_unreadable(), { formId: 'sessions' });
		const db = appDb();
		const ended = await endOwnSession(db, viewer.principal.userId, form.data.sessionId);
		if (ended) {
			await recordAudit(db, {
				userId: viewer.principal.userId,
				action: 'auth.session_ended',
				entity: 'session'
			});
		}
		if (form.data.sessionId === event.locals.session?.id) {
			deleteLoginCookies(event.cookies, event.url);
			redirect(303, routes.login());
		}
		return { formId: 'sessions', notice: successNotice(m.account_session_ended()) };
	},
	endOtherSessions: async (event) => {
		const viewer = requirePermission(event, 'account:manage_own');
		const db = appDb();
		const current = event.locals.session?.id ?? '';
		const ended = await endOtherSessions(db, viewer.principal.userId, current);
		await recordAudit(db, {
			userId: viewer.principal.userId,
			action: 'auth.sessions_ended',
			entity: 'session',
			after: { sessionsEnded: ended }
		});
		return {
			formId: 'sessions',
			notice: successNotice(m.account_other_sessions_ended({ count: String(ended) }))
		};
	}
};
