import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { joinRing, searchDirectory } from '$lib/server/directory/join';
import { listFields } from '$lib/server/directory/queries';
import { joinSchema } from '$lib/schemas/directory';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';
import { successNotice } from '$lib/schemas/form-notice';
import { localLoginEnabled } from '$lib/server/auth/sso/settings';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'user:admin');
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const [hits, fields] = await Promise.all([searchDirectory(appDb(), query), listFields(appDb())]);
	const form = await superValidate(zod4(joinSchema));
	form.data.fieldIds = fields.map((f) => f.id);
	const ags = event.url.searchParams.get('ags') ?? '';
	if (hits.some((h) => h.ags === ags && !h.memberSlug)) form.data.ags = ags;
	return { query, hits, fields, form };
};

export const actions: Actions = {
	join: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const form = await readForm(event, joinSchema);
		if (!form.valid) return failForm(400, { form });
		const d = form.data;
		const result = await joinRing(appDb(), {
			actorUserId: viewer.principal.userId,
			ags: d.ags,
			fieldIds: d.fieldIds,
			accounts: [
				{ email: d.controllerEmail, displayName: d.controllerName, role: 'controller' as const },
				...(d.leadershipEmail
					? [
							{
								email: d.leadershipEmail,
								displayName: d.leadershipName,
								role: 'city_leadership' as const
							}
						]
					: [])
			],
			now: new Date(),
			localPasswords: localLoginEnabled()
		});
		if (!result.ok) {
			if (result.reason === 'email_taken')
				return setError(
					form,
					result.email === d.controllerEmail ? 'controllerEmail' : 'leadershipEmail',
					m.admin_email_taken()
				);
			if (result.reason === 'already_member')
				return setError(form, 'ags', m.directory_already_member());
			return setError(form, 'ags', m.directory_not_found());
		}
		const links = result.accounts.flatMap((a) =>
			a.token
				? [{ email: a.email, link: new URL(routes.setPassword(a.token), event.url.origin).href }]
				: []
		);
		form.message = successNotice(
			m.directory_joined({ name: result.organisation.name, count: String(result.scorecards) })
		);
		return { form, joined: { ...result.organisation, links } };
	}
};
