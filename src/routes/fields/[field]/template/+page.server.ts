import { error, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { findTemplateEditorTarget } from '$lib/server/scorecards/editor/target';
import { loadEditorData } from '$lib/server/scorecards/editor/read';
import { assertCanEdit } from '$lib/server/scorecards/editor/form-action';
import { editorActions as edit } from '$lib/server/scorecards/editor/actions';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

const findTarget = (event: RequestEvent<{ field: string }>) =>
	findTemplateEditorTarget(appDb(), event.params.field);

/** The field template, maintained by the field lead; cities adopt it in one step. */
export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	const target = await findTarget(event);
	if (!target) error(404, m.not_found_field());
	assertCanEdit(viewer, target);
	return { target, editor: await loadEditorData(appDb(), target, getLocale()) };
};

export const actions: Actions = {
	mission: async (event) => {
		const viewer = requireUser(event);
		return edit.mission(event, viewer, await findTarget(event));
	},
	addPerspective: async (event) => {
		const viewer = requireUser(event);
		return edit.addPerspective(event, viewer, await findTarget(event));
	},
	renamePerspective: async (event) => {
		const viewer = requireUser(event);
		return edit.renamePerspective(event, viewer, await findTarget(event));
	},
	movePerspective: async (event) => {
		const viewer = requireUser(event);
		return edit.movePerspective(event, viewer, await findTarget(event));
	},
	deletePerspective: async (event) => {
		const viewer = requireUser(event);
		return edit.deletePerspective(event, viewer, await findTarget(event));
	},
	addObjective: async (event) => {
		const viewer = requireUser(event);
		return edit.addObjective(event, viewer, await findTarget(event));
	},
	moveObjective: async (event) => {
		const viewer = requireUser(event);
		return edit.moveObjective(event, viewer, await findTarget(event));
	},
	deleteObjective: async (event) => {
		const viewer = requireUser(event);
		return edit.deleteObjective(event, viewer, await findTarget(event));
	}
};
