import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import { createAccount, listUsers, USER_LIST_LIMIT } from '$lib/server/admin/users';
import { PASSWORD_TOKEN_HOURS } from '$lib/server/admin/password-links';
import { appDb } from '$lib/server/db';
import { mailConfig } from '$lib/server/mail/config';
import { outboxState } from '$lib/server/mail/outbox';
import { mailPasswordLink } from '$lib/server/mail/password-link';
import { createUserSchema } from '$lib/schemas/admin';
import { passwordProblemMessage } from '$lib/admin-labels';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';
import { successNotice } from '$lib/schemas/form-notice';
import { localLoginEnabled } from '$lib/server/auth/sso/settings';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'user:admin');
	const mail = mailConfig();
	const query = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const { users, more } = await listUsers(appDb(), { search: query });
	return {
		query,
		users,
		more,
		limit: USER_LIST_LIMIT,
		mail: mail.on
			? { on: true as const, ...(await outboxState(appDb())) }
			: { on: false as const, reason: mail.reason },
		createForm: await superValidate(zod4(createUserSchema)),
		tokenHours: PASSWORD_TOKEN_HOURS,
		localLogin: localLoginEnabled()
	};
};

export const actions: Actions = {
	create: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const form = await readForm(event, createUserSchema);
		const password = form.data.password;
		// The password never travels back to the browser.
		form.data.password = '';
		if (!form.valid) return failForm(400, { createForm: form });
		const result = await createAccount(appDb(), {
			actorUserId: viewer.principal.userId,
			email: form.data.email,
			displayName: form.data.displayName,
			password: password === '' ? undefined : password,
			now: new Date(),
			localPasswords: localLoginEnabled()
		});
		if (!result.ok) {
			if (result.reason === 'email_taken') return setError(form, 'email', m.admin_email_taken());
			if (result.reason === 'local_login_off')
				return setError(form, 'password', m.admin_link_local_off(), { status: 403 });
			return setError(form, 'password', result.problems.map(passwordProblemMessage));
		}
		const token = result.setPasswordToken;
		// Mailed to the new user when mail is on; else shown once, in this response only (the
		// database keeps just the token's hash).
		const delivery = token
			? await mailPasswordLink(
					{ ...result.user, locale: result.user.locale === 'en' ? 'en' : 'de' },
					token,
					PASSWORD_TOKEN_HOURS
				)
			: null;
		const created = localLoginEnabled()
			? m.admin_created({ email: result.user.email })
			: `${m.admin_created({ email: result.user.email })} ${m.admin_created_sso()}`;
		form.message = successNotice(
			delivery === 'sent'
				? `${created} ${m.admin_link_mailed({ email: result.user.email })}`
				: created
		);
		const setPasswordLink =
			token && delivery !== 'sent'
				? new URL(routes.setPassword(token), event.url.origin).href
				: null;
		return {
			createForm: form,
			setPasswordLink,
			linkMailFailed: delivery === 'failed',
			createdUserId: result.user.id
		};
	}
};
