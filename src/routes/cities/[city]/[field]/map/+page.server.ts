import { error, type RequestEvent } from '@sveltejs/kit';
import {
	message,
	setError,
	superValidate,
	type Infer,
	type SuperValidated
} from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import { requireCityCapability } from '$lib/server/auth/scoped-guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { loadScorecardPage } from '$lib/server/scorecards/scorecard-page';
import {
	addObjectiveLink,
	findMapScorecard,
	loadObjectiveLinks,
	removeObjectiveLink,
	type LinkChangeResult,
	type MapScorecard
} from '$lib/server/scorecards/strategy-map';
import { objectiveStatus } from '$lib/components/strategy-map/objective-status';
import type { StrategyMapPerspective } from '$lib/components/strategy-map/types';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { addLinkSchema, removeLinkSchema } from '$lib/schemas/strategy-map';
import type { FormNotice } from '$lib/schemas/form-notice';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';

const ADD_FORM = 'add-link';
const REMOVE_FORM = 'remove-link';

type AddForm = SuperValidated<Infer<typeof addLinkSchema>, FormNotice>;
type RemoveForm = SuperValidated<Infer<typeof removeLinkSchema>, FormNotice>;

/** The scorecard in the URL, or 404. */
async function mapScorecard(event: RequestEvent): Promise<MapScorecard> {
	const { city, field } = event.params;
	const scorecard = await findMapScorecard(appDb(), city ?? '', field ?? '');
	if (!scorecard) error(404, m.not_found_scorecard());
	return scorecard;
}

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const { city, field } = event.params;
	const db = appDb();
	// The version first: the forms then never claim a newer state than the page shows.
	const scorecard = await mapScorecard(event);
	const [page, links] = await Promise.all([
		loadScorecardPage(db, viewer, city, field, getLocale()),
		loadObjectiveLinks(db, scorecard.scorecardId)
	]);
	if (!page) error(404, m.not_found_scorecard());
	// Only what the map shows travels to the browser, not the KPI series.
	const perspectives: StrategyMapPerspective[] = page.perspectives.map((p) => ({
		id: p.id,
		name: p.name,
		objectives: p.objectives.map((o) => ({ id: o.id, title: o.title, status: objectiveStatus(o) }))
	}));
	return {
		header: page.header,
		perspectives,
		links,
		version: scorecard.version,
		canEdit: can(viewer.principal, 'scorecard:write', {
			organisationId: scorecard.organisationId
		}),
		addForm: await superValidate<Infer<typeof addLinkSchema>, FormNotice>(zod4(addLinkSchema), {
			id: ADD_FORM
		}),
		removeForm: await superValidate<Infer<typeof removeLinkSchema>, FormNotice>(
			zod4(removeLinkSchema),
			{ id: REMOVE_FORM }
		)
	};
};

const conflict = (form: AddForm | RemoveForm) =>
	message(form, { kind: 'error', text: m.strategy_map_conflict() }, { status: 409 });

/** A refused change as a message next to the field it concerns, or above the form. */
function refusal(form: AddForm, result: Exclude<LinkChangeResult, { ok: true }>) {
	switch (result.reason) {
		case 'conflict':
			return conflict(form);
		case 'same_objective':
			return setError(form, 'toObjectiveId', m.strategy_map_same_objective());
		case 'duplicate':
			return setError(form, 'toObjectiveId', m.strategy_map_duplicate());
		case 'foreign_objective':
			return setError(form, result.field, m.strategy_map_foreign_objective());
		case 'not_found':
			return message(form, { kind: 'error', text: m.strategy_map_not_found() }, { status: 404 });
	}
}

export const actions: Actions = {
	addLink: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		const scorecard = await mapScorecard(event);
		const form: AddForm = await readForm(event, addLinkSchema, { id: ADD_FORM });
		// Without a readable version nobody can tell what the form was based on.
		if (form.errors.version) return conflict(form);
		if (!form.valid) return failForm(400, { form });
		const result = await addObjectiveLink(appDb(), {
			actorUserId: viewer.principal.userId,
			scorecardId: scorecard.scorecardId,
			organisationId: scorecard.organisationId,
			expectedVersion: form.data.version,
			fromObjectiveId: form.data.fromObjectiveId,
			toObjectiveId: form.data.toObjectiveId
		});
		if (!result.ok) return refusal(form, result);
		return message(form, {
			kind: 'success',
			text: m.strategy_map_added({ from: result.fromTitle, to: result.toTitle })
		});
	},
	removeLink: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'scorecard:write');
		const scorecard = await mapScorecard(event);
		const form: RemoveForm = await readForm(event, removeLinkSchema, { id: REMOVE_FORM });
		if (form.errors.version) return conflict(form);
		if (!form.valid)
			return message(form, { kind: 'error', text: m.strategy_map_not_found() }, { status: 400 });
		const result = await removeObjectiveLink(appDb(), {
			actorUserId: viewer.principal.userId,
			scorecardId: scorecard.scorecardId,
			organisationId: scorecard.organisationId,
			expectedVersion: form.data.version,
			fromObjectiveId: form.data.fromObjectiveId,
			toObjectiveId: form.data.toObjectiveId
		});
		if (!result.ok) {
			if (result.reason === 'conflict') return conflict(form);
			return message(form, { kind: 'error', text: m.strategy_map_not_found() }, { status: 404 });
		}
		return message(form, {
			kind: 'success',
			text: m.strategy_map_removed({ from: result.fromTitle, to: result.toTitle })
		});
	}
};
