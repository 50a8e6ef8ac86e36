import { redirect } from '@sveltejs/kit';
import { message, superValidate, type Infer } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePendingSecondFactor } from '$lib/server/auth/guards';
import { attemptSecondFactor } from '$lib/server/auth/login';
import { safeRedirectTarget } from '$lib/server/auth/redirect-target';
import { throttledMessage } from '$lib/server/auth/throttle-message';
import { appDb } from '$lib/server/db';
import { totpCodeSchema } from '$lib/schemas/account';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';
import { errorNotice, type FormNotice } from '$lib/schemas/form-notice';

export const load: PageServerLoad = async (event) => {
	requirePendingSecondFactor(event);
	const redirectTo = safeRedirectTarget(event.url.searchParams.get('redirectTo'), event.url.origin);
	const form = await superValidate<Infer<typeof totpCodeSchema>, FormNotice>(
		{ redirectTo },
		zod4(totpCodeSchema),
		{ errors: false }
	);
	return { form };
};

export const actions: Actions = {
	verify: async (event) => {
		const viewer = requirePendingSecondFactor(event);
		const form = await readForm(event, totpCodeSchema);
		const code = form.data.code;
		form.data.code = '';
		if (!form.valid) return failForm(400, { form });
		const { user, session } = event.locals;
		if (!user || !session) return failForm(400, { form });
		const result = await attemptSecondFactor(appDb(), {
			userId: viewer.principal.userId,
			email: user.email,
			sessionId: session.id,
			code,
			address: event.getClientAddress(),
			now: new Date()
		});
		if (!result.ok) {
			const text =
				result.reason === 'throttled'
					? throttledMessage(result.retryAfterSeconds)
					: m.twofa_invalid();
			return message(form, errorNotice(text), {
				status: result.reason === 'throttled' ? 429 : 400
			});
		}
		redirect(303, safeRedirectTarget(form.data.redirectTo, event.url.origin));
	}
};
