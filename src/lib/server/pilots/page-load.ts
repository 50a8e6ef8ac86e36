import { error } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { appDb } from '../db';
import { loadPilot, organisationName, type LoadedPilot } from './queries';
import { lineEditFormData, pilotView, settingsFormData } from './page';
import { canWritePilots, ownCityOf, pilotIdOf } from './route';
import { pilotExchange } from '../exchange/pilot-actions';
import type { PilotActionContext } from './page-context';
import {
	gateSchema,
	lineSchema,
	scoresSchema,
	settingsSchema,
	updateLineSchema
} from '$lib/schemas/pilots';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { AppLocale } from '$lib/format/number';

/**
 * Everything the pilot page shows, and the empty forms of a viewer who may write: profile,
 * partners and key, yearly lines, the WiBe economics, each city's share, the strategic scores
 * and the working group's gate decisions.
 */
export async function loadPilotPage({ event, viewer, field }: PilotActionContext) {
	const db = appDb();
	const pilot = await loadPilot(db, field.id, pilotIdOf(event.params.id));
	if (!pilot) error(404, m.pilot_not_found());
	const locale = getLocale();
	const canWrite = canWritePilots(viewer, field.id);
	const ownCityId = ownCityOf(viewer);
	const ownCityName =
		ownCityId === null
			? null
			: (pilot.partners.find((p) => p.organisationId === ownCityId)?.name ??
				(await organisationName(db, ownCityId)));
	return {
		ownCityName,
		field,
		pilot,
		exchange: await pilotExchange(db, viewer, pilot.id),
		view: pilotView(pilot, ownCityId),
		canWrite,
		...(canWrite ? await writeForms(pilot, event.url, locale) : noWriteForms)
	};
}

const noWriteForms = {
	settingsForm: null,
	lineForm: null,
	lineEditForm: null,
	scoresForm: null,
	gateForm: null
} as const;

async function writeForms(pilot: LoadedPilot, url: URL, locale: AppLocale) {
	const today = new Date().toISOString().slice(0, 10);
	const blank = (id: string) => ({ errors: false, id });
	return {
		settingsForm: await superValidate(
			settingsFormData(pilot, locale),
			zod4(settingsSchema(locale)),
			blank('settings')
		),
		lineForm: await superValidate(
			{ year: String(pilot.startYear), amount: '', budgetRelevant: true },
			zod4(lineSchema(locale)),
			blank('line')
		),
		lineEditForm: await lineEditForm(pilot, url, locale),
		scoresForm: await superValidate(
			{
				criterionIds: pilot.criteria.map((c) => c.id),
				points: pilot.criteria.map((c) => (c.points === null ? '' : String(c.points)))
			},
			zod4(scoresSchema),
			blank('scores')
		),
		gateForm: await superValidate({ decidedOn: today, rating: 5 }, zod4(gateSchema), blank('gate'))
	};
}

/** The line named by `?editLine=` in an edit form, or null (no such line: nothing to edit). */
async function lineEditForm(pilot: LoadedPilot, url: URL, locale: AppLocale) {
	const data = lineEditFormData(pilot, url.searchParams.get('editLine'), locale);
	return data
		? superValidate(data, zod4(updateLineSchema(locale)), { errors: false, id: 'lineEdit' })
		: null;
}
