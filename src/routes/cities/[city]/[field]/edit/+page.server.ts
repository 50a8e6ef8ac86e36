import { error, type RequestEvent } from '@sveltejs/kit';
import { requireCityCapability } from '$lib/server/auth/scoped-guards';
import { appDb } from '$lib/server/db';
import { findCityEditorTarget } from '$lib/server/scorecards/editor/target';
import { loadEditorData } from '$lib/server/scorecards/editor/read';
import { editorActions as edit } from '$lib/server/scorecards/editor/actions';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

const findTarget = (event: RequestEvent<{ city: string; field: string }>) =>
	findCityEditorTarget(appDb(), event.params.city, event.params.field);

export const load: PageServerLoad = async (event) => {
	await requireCityCapability(event, event.params.city, 'scorecard:write');
	const target = await findTarget(event);
	if (!target) error(404, m.not_found_scorecard());
	return { target, editor: await loadEditorData(appDb(), target, getLocale()) };
};

export const actions: Actions = {
	mission: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.mission(event, viewer, await findTarget(event));
	},
	adoptTemplate: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.adoptTemplate(event, viewer, await findTarget(event));
	},
	addPerspective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.addPerspective(event, viewer, await findTarget(event));
	},
	renamePerspective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.renamePerspective(event, viewer, await findTarget(event));
	},
	movePerspective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.movePerspective(event, viewer, await findTarget(event));
	},
	deletePerspective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.deletePerspective(event, viewer, await findTarget(event));
	},
	addObjective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.addObjective(event, viewer, await findTarget(event));
	},
	moveObjective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.moveObjective(event, viewer, await findTarget(event));
	},
	deleteObjective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.deleteObjective(event, viewer, await findTarget(event));
	},
	copyTargets: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.copyTargets(event, viewer, await findTarget(event));
	}
};
