import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import { loadPilotPage } from '$lib/server/pilots/page-load';
import { addLineAction, deleteLineAction, updateLineAction } from '$lib/server/pilots/line-actions';
import { gateAction, scoresAction, settingsAction } from '$lib/server/pilots/settings-actions';
import { pilotNoteAction } from '$lib/server/exchange/pilot-actions';
import type { Actions, PageServerLoad } from './$types';

/**
 * One pilot: everyone logged in reads it; writing needs `pilot:write` for the field, the
 * experience exchange `exchange:write`. Each action's guard comes first; the work is in
 * `$lib/server/pilots` (load, line actions, settings/scores/gate actions).
 */
export const load: PageServerLoad = async (event) => {
	const { viewer, field } = await requireFieldCapability(event, event.params.field, 'ring:read');
	return loadPilotPage({ event, viewer, field });
};

export const actions = {
	settings: async (event) => {
		const scope = await requireFieldCapability(event, event.params.field, 'pilot:write');
		return settingsAction({ event, ...scope });
	},
	addLine: async (event) => {
		const scope = await requireFieldCapability(event, event.params.field, 'pilot:write');
		return addLineAction({ event, ...scope });
	},
	updateLine: async (event) => {
		const scope = await requireFieldCapability(event, event.params.field, 'pilot:write');
		return updateLineAction({ event, ...scope });
	},
	deleteLine: async (event) => {
		const scope = await requireFieldCapability(event, event.params.field, 'pilot:write');
		return deleteLineAction({ event, ...scope });
	},
	scores: async (event) => {
		const scope = await requireFieldCapability(event, event.params.field, 'pilot:write');
		return scoresAction({ event, ...scope });
	},
	gate: async (event) => {
		const scope = await requireFieldCapability(event, event.params.field, 'pilot:write');
		return gateAction({ event, ...scope });
	},
	/** Experience exchange: everyone logged in writes; only the author edits (decision 0014). */
	noteAdd: async (event) => {
		const { viewer } = await requireFieldCapability(event, event.params.field, 'exchange:write');
		return pilotNoteAction(event, viewer, 'add');
	},
	noteEdit: async (event) => {
		const { viewer } = await requireFieldCapability(event, event.params.field, 'exchange:write');
		return pilotNoteAction(event, viewer, 'edit');
	},
	noteDelete: async (event) => {
		const { viewer } = await requireFieldCapability(event, event.params.field, 'exchange:write');
		return pilotNoteAction(event, viewer, 'delete');
	}
} satisfies Actions;
