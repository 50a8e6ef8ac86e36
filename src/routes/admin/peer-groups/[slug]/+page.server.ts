import { error, fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import {
	deletePeerGroup,
	listCities,
	listPeerGroups,
	savePeerGroup
} from '$lib/server/peer-groups/peer-groups';
import { refusalField } from '$lib/server/peer-groups/refusal';
import { peerGroupSchema } from '$lib/schemas/peer-groups';
import { localizeHref } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

async function groupOf(slug: string) {
	const group = (await listPeerGroups(appDb())).find((g) => g.slug === slug);
	if (!group) error(404, m.peer_group_not_found());
	return group;
}

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'peer_group:manage');
	const [group, cities] = await Promise.all([groupOf(event.params.slug), listCities(appDb())]);
	const form = await superValidate(
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
	if (event.url.searchParams.has('saved')) form.message = m.peer_group_saved();
	return { group, cities, form };
};

export const actions: Actions = {
	update: async (event) => {
		const viewer = requirePermission(event, 'peer_group:manage');
		const group = await groupOf(event.params.slug);
		const form = await superValidate(event.request, zod4(peerGroupSchema), { allowFiles: false });
		if (!form.valid) return fail(400, { form });
		const result = await savePeerGroup(appDb(), {
			actorUserId: viewer.principal.userId,
			groupId: group.id,
			data: form.data
		});
		if (!result.ok) {
			const { field, message } = refusalField(result.reason);
			return setError(form, field, message, { status: result.reason === 'stale' ? 409 : 400 });
		}
		if (result.slug !== group.slug)
			redirect(303, localizeHref(`/admin/peer-groups/${result.slug}?saved=1`));
		form.data.version = group.version + 1;
		return message(form, m.peer_group_saved());
	},
	delete: async (event) => {
		const viewer = requirePermission(event, 'peer_group:manage');
		const group = await groupOf(event.params.slug);
		const version = z.coerce
			.number()
			.pipe(z.int32())
			.safeParse((await event.request.formData()).get('version'));
		if (!version.success) return fail(400, { deleteError: m.peer_group_stale() });
		const deleted = await deletePeerGroup(appDb(), {
			actorUserId: viewer.principal.userId,
			groupId: group.id,
			version: version.data
		});
		if (!deleted) return fail(409, { deleteError: m.peer_group_stale() });
		redirect(303, localizeHref('/admin/peer-groups'));
	}
};
