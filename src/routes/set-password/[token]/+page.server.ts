import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { allowAnonymous } from '$lib/server/auth/guards';
import { passwordTokenState, setPasswordWithToken } from '$lib/server/admin/password-links';
import { appDb } from '$lib/server/db';
import { passwordTokenParam, setPasswordSchema } from '$lib/schemas/admin';
import { passwordProblemMessage } from '$lib/admin-labels';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm, failNotice } from '$lib/server/http/form-failure';
import { localLoginEnabled } from '$lib/server/auth/sso/settings';
import { m } from '$lib/paraglide/messages';

// Public on purpose: the person has no password yet; the token in the URL is the credential.
export const load: PageServerLoad = async (event) => {
	allowAnonymous(event);
	const { token } = event.params;
	// With LOCAL_LOGIN=off no link is issued, and one issued before is not accepted either.
	const state = !localLoginEnabled()
		? ('sso_only' as const)
		: passwordTokenParam.safeParse(token).success
			? await passwordTokenState(appDb(), token, new Date())
			: ('unknown' as const);
	return { state, form: await superValidate(zod4(setPasswordSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		allowAnonymous(event);
		if (!localLoginEnabled())
			return failNotice(403, m.setpw_sso_only(), { state: 'sso_only' as const });
		const form = await readForm(event, setPasswordSchema);
		const { password } = form.data;
		form.data.password = '';
		form.data.confirm = '';
		if (!form.valid) return failForm(400, { form });
		const { token } = event.params;
		if (!passwordTokenParam.safeParse(token).success)
			return failForm(400, { form }, { state: 'unknown' as const });
		const result = await setPasswordWithToken(appDb(), { token, password, now: new Date() });
		if (!result.ok) {
			if (result.reason === 'password')
				return setError(form, 'password', result.problems.map(passwordProblemMessage));
			return failForm(400, { form }, { state: result.reason });
		}
		return { form, done: true };
	}
};
