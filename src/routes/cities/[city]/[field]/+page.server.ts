import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { requireCityCapability } from '$lib/server/auth/scoped-guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { loadScorecardPage } from '$lib/server/scorecards/scorecard-page';
import {
	quarterParam,
	valueExchange,
	valueFactorAction,
	valueNoteAction
} from '$lib/server/exchange/value-actions';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const { city, field } = event.params;
	const db = appDb();
	const scorecard = await loadScorecardPage(db, viewer, city, field, getLocale());
	if (!scorecard) error(404, m.not_found_scorecard());
	const kpis = scorecard.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
	const requested = event.url.searchParams.get('kpi');
	const selected = kpis.find((k) => k.code === requested) ?? kpis.find((k) => k.latest) ?? kpis[0];
	const canEdit = can(viewer.principal, 'scorecard:write', {
		organisationId: scorecard.header.organisation.id
	});
	const canEnter = can(viewer.principal, 'measurement:read_unreleased', {
		organisationId: scorecard.header.organisation.id
	});
	const exchange = selected
		? await valueExchange(
				db,
				viewer,
				scorecard.header.organisation.id,
				selected,
				quarterParam(event.url.searchParams.get('quarter'))
			)
		: null;
	return { scorecard, selectedCode: selected?.code ?? null, canEdit, canEnter, exchange };
};

/** The experience exchange on the selected value; who may do what is decided in the writes. */
export const actions = {
	noteAdd: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'exchange:write');
		return valueNoteAction(event, viewer, 'add');
	},
	noteEdit: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'exchange:write');
		return valueNoteAction(event, viewer, 'edit');
	},
	noteDelete: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'exchange:write');
		return valueNoteAction(event, viewer, 'delete');
	},
	factorAdd: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:write');
		return valueFactorAction(event, viewer, 'add');
	},
	factorRemove: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:write');
		return valueFactorAction(event, viewer, 'remove');
	}
} satisfies Actions;
