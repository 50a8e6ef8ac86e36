import { error, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import {
	deletePeerGroup,
	listCities,
	listPeerGroups,
	savePeerGroup
} from '$lib/server/peer-groups/peer-groups';
import { refusalField } from '$lib/server/peer-groups/refusal';
import {
	deletePeerGroupSchema,
	peerGroupSchema,
	type PeerGroupInput
} from '$lib/schemas/peer-groups';
import { routes } from '$lib/routes';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm, failNotice } from '$lib/server/http/form-failure';
import { successNotice, type FormNotice } from '$lib/schemas/form-notice';

async function groupOf(slug: string) {
	const group = (await listPeerGroups(appDb())).find((g) => g.slug === slug);
	if (!group) error(404, m.peer_group_not_found());
	return group;
}

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'peer_group:manage');
	const [group, cities] = await Promise.all([groupOf(event.params.slug), listCities(appDb())]);
	const form = await superValidate<PeerGroupInput, FormNotice>(
		{
			slug: group.slug,
			nameDe: group.nameDe,
			nameEn: group.nameEn,
			members: group.members,
			version: group.version
		},
		zod4(peerGroupSchema),
		{ errors: false }
	);
	if (event.url.searchParams.has('saved')) form.message = successNotice(m.peer_group_saved());
	return { group, cities, form };
};

export const actions: Actions = {
	update: async (event) => {
		const viewer = requirePermission(event, 'peer_group:manage');
		const group = await groupOf(event.params.slug);
		const form = await readForm(event, peerGroupSchema);
		if (!form.valid) return failForm(400, { form });
		const result = await savePeerGroup(appDb(), {
			actorUserId: viewer.principal.userId,
			groupId: group.id,
			data: form.data
		});
		if (!result.ok) {
			const { field, message } = refusalField(result.reason);
			return setError(form, field, message, { status: result.reason === 'stale' ? 409 : 400 });
		}
		if (result.slug !== group.slug) redirect(303, routes.peerGroupSaved(result.slug));
		form.data.version = group.version + 1;
		return message(form, successNotice(m.peer_group_saved()));
	},
	delete: async (event) => {
		const viewer = requirePermission(event, 'peer_group:manage');
		const group = await groupOf(event.params.slug);
		const form = await readForm(event, deletePeerGroupSchema);
		if (!form.valid) return failNotice(400, m.peer_group_stale());
		const deleted = await deletePeerGroup(appDb(), {
			actorUserId: viewer.principal.userId,
			groupId: group.id,
			version: form.data.version
		});
		if (!deleted) return failNotice(409, m.peer_group_stale());
		redirect(303, routes.peerGroups());
	}
};
