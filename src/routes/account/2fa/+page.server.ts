import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireUser, requireUserOrEnrolment } from '$lib/server/auth/guards';
import {
	confirmEnrolment,
	disableTotp,
	enrolmentFor,
	remainingRecoveryCodes,
	secondFactorStatus,
	startEnrolment
} from '$lib/server/auth/totp';
import { appDb } from '$lib/server/db';
import { totpDisableSchema, totpEnrolSchema } from '$lib/schemas/account';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = requireUserOrEnrolment(event);
	const db = appDb();
	const userId = viewer.principal.userId;
	const row = await secondFactorStatus(db, userId);
	if (!row) error(404);
	const isAdmin = viewer.principal.roles.some((r) => r.role === 'admin');
	if (row.enabled) {
		return {
			enabled: true as const,
			isAdmin,
			remaining: await remainingRecoveryCodes(db, userId)
		};
	}
	const enrolment = startEnrolment(row.email);
	return {
		enabled: false as const,
		isAdmin,
		uri: enrolment.uri,
		secret: enrolment.secret
	};
};

export const actions: Actions = {
	enrol: async (event) => {
		const viewer = requireUserOrEnrolment(event);
		const form = await superValidate(event.request, zod4(totpEnrolSchema), {
			allowFiles: false,
			id: 'enrol'
		});
		const code = form.data.code;
		form.data.code = '';
		const session = event.locals.session;
		const user = event.locals.user;
		if (!session || !user || user.hasTotp) error(400);
		// A failed attempt shows the same key again: the app already holds it.
		const enrolment = enrolmentFor(form.data.secret, user.email);
		if (!form.valid || !enrolment) return fail(400, { form, enrolment });
		const codes = await confirmEnrolment(appDb(), {
			userId: viewer.principal.userId,
			sessionId: session.id,
			secret: form.data.secret,
			code,
			now: new Date()
		});
		if (!codes) {
			setError(form, 'code', m.twofa_invalid());
			return fail(400, { form, enrolment });
		}
		return { form, recoveryCodes: codes };
	},
	disable: async (event) => {
		const viewer = requireUser(event);
		const form = await superValidate(event.request, zod4(totpDisableSchema), {
			allowFiles: false,
			id: 'disable'
		});
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return fail(400, { form });
		// Admins must keep their second factor.
		if (viewer.principal.roles.some((r) => r.role === 'admin')) {
			return message(form, m.twofa_admin_required(), { status: 403 });
		}
		const ok = await disableTotp(appDb(), { userId: viewer.principal.userId, password });
		if (!ok) return setError(form, 'password', m.account_current_password_wrong());
		return { form, disabled: true };
	}
};
