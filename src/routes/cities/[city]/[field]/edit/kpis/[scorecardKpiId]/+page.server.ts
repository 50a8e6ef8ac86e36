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
	const editor = await loadEditorData(appDb(), target, getLocale());
	const objective = editor.perspectives
		.flatMap((p) => p.objectives)
		.find((o) => o.kpis.some((k) => String(k.scorecardKpiId) === event.params.scorecardKpiId));
	const kpi = objective?.kpis.find((k) => String(k.scorecardKpiId) === event.params.scorecardKpiId);
	if (!objective || !kpi) error(404, m.editor_kpi_gone());
	return { target, objective, kpi, currentYear: new Date().getFullYear() };
};

export const actions: Actions = {
	setTarget: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.setTarget(event, viewer, await findTarget(event));
	},
	clearTarget: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		return edit.clearTarget(event, viewer, await findTarget(event));
	}
};
