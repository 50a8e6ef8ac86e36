import { error } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import {
	assignRole,
	getAdminUser,
	listScopeOptions,
	removeRole,
	setUserActive
} from '$lib/server/admin/users';
import { issuePasswordLink, PASSWORD_TOKEN_HOURS } from '$lib/server/admin/password-links';
import { appDb } from '$lib/server/db';
import { assignRoleSchema, removeRoleSchema, userIdParam } from '$lib/schemas/admin';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm, failNotice } from '$lib/server/http/form-failure';
import { successNotice } from '$lib/schemas/form-notice';
import { unlinkSsoIdentity } from '$lib/server/auth/sso/accounts';
import { localLoginEnabled, ssoSettings } from '$lib/server/auth/sso/settings';

/** The id in the URL, or 404: a non-number is as unknown as a missing account. */
function userIdOf(param: string): number {
	const id = userIdParam.safeParse(param);
	if (!id.success) error(404, m.admin_user_not_found());
	return id.data;
}

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'user:admin');
	const db = appDb();
	const user = await getAdminUser(db, userIdOf(event.params.id));
	if (!user) error(404, m.admin_user_not_found());
	return {
		user,
		isSelf: user.id === viewer.principal.userId,
		options: await listScopeOptions(db),
		roleForm: await superValidate(zod4(assignRoleSchema)),
		tokenHours: PASSWORD_TOKEN_HOURS,
		ssoEnabled: ssoSettings() !== null,
		localLogin: localLoginEnabled()
	};
};

export const actions: Actions = {
	assignRole: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const userId = userIdOf(event.params.id);
		const form = await readForm(event, assignRoleSchema);
		if (!form.valid) return failForm(400, { roleForm: form });
		const result = await assignRole(appDb(), {
			actorUserId: viewer.principal.userId,
			userId,
			role: form.data.role,
			organisationId: form.data.organisationId ?? null,
			fieldId: form.data.fieldId ?? null
		});
		if (!result.ok) {
			if (result.reason === 'user_not_found') error(404, m.admin_user_not_found());
			if (result.reason === 'duplicate') return setError(form, 'role', m.admin_role_duplicate());
			// scope_invalid cannot pass the schema; both end in the same clear message.
			return setError(form, 'role', m.admin_scope_not_found());
		}
		form.message = successNotice(m.admin_role_assigned());
		return { roleForm: form };
	},
	removeRole: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const userId = userIdOf(event.params.id);
		const form = await readForm(event, removeRoleSchema);
		const result = form.valid
			? await removeRole(appDb(), {
					actorUserId: viewer.principal.userId,
					userId,
					assignmentId: form.data.assignmentId
				})
			: { ok: false };
		if (!result.ok) return failNotice(404, m.admin_role_not_found());
		return { notice: successNotice(m.admin_role_removed()) };
	},
	deactivate: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const userId = userIdOf(event.params.id);
		const result = await setUserActive(appDb(), {
			actorUserId: viewer.principal.userId,
			userId,
			active: false
		});
		if (!result.ok) {
			if (result.reason === 'user_not_found') error(404, m.admin_user_not_found());
			return failNotice(
				400,
				result.reason === 'self' ? m.admin_cannot_deactivate_self() : m.admin_unchanged()
			);
		}
		return { notice: successNotice(m.admin_deactivated({ count: String(result.sessionsEnded) })) };
	},
	reactivate: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const userId = userIdOf(event.params.id);
		const result = await setUserActive(appDb(), {
			actorUserId: viewer.principal.userId,
			userId,
			active: true
		});
		if (!result.ok) {
			if (result.reason === 'user_not_found') error(404, m.admin_user_not_found());
			return failNotice(400, m.admin_unchanged());
		}
		return { notice: successNotice(m.admin_reactivated()) };
	},
	unlinkSso: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const userId = userIdOf(event.params.id);
		const result = await unlinkSsoIdentity(appDb(), {
			actorUserId: viewer.principal.userId,
			userId
		});
		if (!result.ok) return failNotice(400, m.admin_unchanged());
		return { notice: successNotice(m.admin_sso_unlinked()) };
	},
	passwordLink: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const userId = userIdOf(event.params.id);
		const token = await issuePasswordLink(appDb(), {
			actorUserId: viewer.principal.userId,
			userId,
			now: new Date(),
			localPasswords: localLoginEnabled()
		});
		if (token === 'local_login_off') return failNotice(403, m.admin_link_local_off());
		if (!token) error(404, m.admin_user_not_found());
		return {
			setPasswordLink: new URL(routes.setPassword(token), event.url.origin).href
		};
	}
};
