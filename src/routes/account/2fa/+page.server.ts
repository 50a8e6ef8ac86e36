import { error, redirect } from '@sveltejs/kit';
import { message, setError } from 'sveltekit-superforms';
import { requirePermission, requireUserOrEnrolment } from '$lib/server/auth/guards';
import { mustEnrolSecondFactor } from '$lib/server/auth/permissions';
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
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';
import { errorNotice } from '$lib/schemas/form-notice';
import { localLoginEnabled } from '$lib/server/auth/sso/settings';
import { routes } from '$lib/routes';

/** With LOCAL_LOGIN=off nobody logs in with a password, so a TOTP of the app's would guard nothing. */
function refuseWithoutLocalLogin() {
	if (!localLoginEnabled()) error(403, m.sso_only_second_factor());
}

export const load: PageServerLoad = async (event) => {
	const viewer = requireUserOrEnrolment(event);
	if (!localLoginEnabled()) redirect(303, routes.account());
	const db = appDb();
	const userId = viewer.principal.userId;
	const row = await secondFactorStatus(db, userId);
	if (!row) error(404);
	const isAdmin = mustEnrolSecondFactor(viewer.principal);
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
		refuseWithoutLocalLogin();
		const form = await readForm(event, totpEnrolSchema, { id: 'enrol' });
		const code = form.data.code;
		form.data.code = '';
		const session = event.locals.session;
		const user = event.locals.user;
		if (!session || !user || user.hasTotp) error(400);
		// A failed attempt shows the same key again: the app already holds it.
		const enrolment = enrolmentFor(form.data.secret, user.email);
		if (!form.valid || !enrolment) return failForm(400, { form }, { enrolment });
		const codes = await confirmEnrolment(appDb(), {
			userId: viewer.principal.userId,
			sessionId: session.id,
			secret: form.data.secret,
			code,
			now: new Date()
		});
		if (!codes) {
			setError(form, 'code', m.twofa_invalid());
			return failForm(400, { form }, { enrolment });
		}
		return { form, recoveryCodes: codes };
	},
	disable: async (event) => {
		const viewer = requirePermission(event, 'account:manage_own');
		refuseWithoutLocalLogin();
		const form = await readForm(event, totpDisableSchema, { id: 'disable' });
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return failForm(400, { form });
		// Admins must keep their second factor.
		if (mustEnrolSecondFactor(viewer.principal)) {
			return message(form, errorNotice(m.twofa_admin_required()), { status: 403 });
		}
		const ok = await disableTotp(appDb(), { userId: viewer.principal.userId, password });
		if (!ok) return setError(form, 'password', m.account_current_password_wrong());
		return { form, disabled: true };
	}
};
