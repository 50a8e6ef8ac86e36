import { error, isActionFailure, redirect, type RequestEvent } from '@sveltejs/kit';
import { routes } from '$lib/routes';
import { requireCityCapability } from '$lib/server/auth/scoped-guards';
import { appDb } from '$lib/server/db';
import { findCityEditorTarget } from '$lib/server/scorecards/editor/target';
import { loadObjectiveEditor } from '$lib/server/scorecards/editor/read';
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
	const page = await loadObjectiveEditor(appDb(), target, event.params.objectiveId, getLocale());
	// After deleting the objective the page has nothing left to show.
	if (!page) error(404, m.editor_objective_gone());
	return { target, ...page };
};

export const actions: Actions = {
	updateObjective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.updateObjective(event, viewer, await findTarget(event));
	},
	deleteObjective: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		const result = await edit.deleteObjective(event, viewer, await findTarget(event));
		// The objective is gone, and with it this page: back to the scorecard's structure.
		if (!isActionFailure(result))
			redirect(303, routes.scorecardEdit(event.params.city, event.params.field));
		return result;
	},
	addSharedKpi: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.addSharedKpi(event, viewer, await findTarget(event));
	},
	addLocalKpi: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.addLocalKpi(event, viewer, await findTarget(event));
	},
	setWeight: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.setWeight(event, viewer, await findTarget(event));
	},
	removeKpi: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.removeKpi(event, viewer, await findTarget(event));
	},
	restoreKpi: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.restoreKpi(event, viewer, await findTarget(event));
	},
	addInitiative: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.addInitiative(event, viewer, await findTarget(event));
	},
	updateInitiative: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.updateInitiative(event, viewer, await findTarget(event));
	},
	deleteInitiative: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.deleteInitiative(event, viewer, await findTarget(event));
	}
};
