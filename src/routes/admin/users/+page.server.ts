import { fail } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import { createAccount, listUsers } from '$lib/server/admin/users';
import { PASSWORD_TOKEN_HOURS } from '$lib/server/admin/password-links';
import { appDb } from '$lib/server/db';
import { createUserSchema } from '$lib/schemas/admin';
import { passwordProblemMessage } from '$lib/admin-labels';
import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'user:admin');
	return {
		users: await listUsers(appDb()),
		createForm: await superValidate(zod4(createUserSchema)),
		tokenHours: PASSWORD_TOKEN_HOURS
	};
};

export const actions: Actions = {
	create: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const form = await readForm(event, createUserSchema);
		const password = form.data.password;
		// The password never travels back to the browser.
		form.data.password = '';
		if (!form.valid) return fail(400, { createForm: form });
		const result = await createAccount(appDb(), {
			actorUserId: viewer.principal.userId,
			email: form.data.email,
			displayName: form.data.displayName,
			password: password === '' ? undefined : password,
			now: new Date()
		});
		if (!result.ok) {
			if (result.reason === 'email_taken') return setError(form, 'email', m.admin_email_taken());
			return setError(form, 'password', result.problems.map(passwordProblemMessage));
		}
		// Shown once, in this response only: the database keeps just the token's hash.
		const setPasswordLink = result.setPasswordToken
			? new URL(localizeHref(`/set-password/${result.setPasswordToken}`), event.url.origin).href
			: null;
		form.message = m.admin_created({ email: result.user.email });
		return { createForm: form, setPasswordLink, createdUserId: result.user.id };
	}
};
