import { redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { listCities, listPeerGroups, savePeerGroup } from '$lib/server/peer-groups/peer-groups';
import { refusalField } from '$lib/server/peer-groups/refusal';
import { peerGroupSchema } from '$lib/schemas/peer-groups';
import { routes } from '$lib/routes';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'peer_group:manage');
	const [groups, cities] = await Promise.all([listPeerGroups(appDb()), listCities(appDb())]);
	return { groups, cities, form: await superValidate(zod4(peerGroupSchema)) };
};

export const actions: Actions = {
	create: async (event) => {
		const viewer = requirePermission(event, 'peer_group:manage');
		const form = await readForm(event, peerGroupSchema);
		if (!form.valid) return failForm(400, { form });
		const result = await savePeerGroup(appDb(), {
			actorUserId: viewer.principal.userId,
			groupId: null,
			data: form.data
		});
		if (!result.ok) {
			const { field, message } = refusalField(result.reason);
			return setError(form, field, message);
		}
		redirect(303, routes.peerGroupSaved(result.slug));
	}
};
