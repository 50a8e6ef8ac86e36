import { error, redirect } from '@sveltejs/kit';
import { setError } from 'sveltekit-superforms';
import { appDb } from '../db';
import { readForm } from '../http/read-form';
import { loadPilot } from './queries';
import { refusalMessage } from './refusal';
import { pilotIdOf } from './route';
import { recordGate, saveSettings } from './write';
import { saveScores } from './strategic';
import type { PilotActionContext } from './page-context';
import { casesFromText, gateSchema, scoresSchema, settingsSchema } from '$lib/schemas/pilots';
import { parseLocaleNumber } from '$lib/format/parse-number';
import { routes } from '$lib/routes';
import { errorNotice } from '$lib/schemas/form-notice';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { failForm } from '../http/form-failure';

/*
 * The pilot page's decisions about the whole pilot: its settings (status, years, rate, partners
 * and allocation key), its strategic scores against the field's criteria, and the gate
 * decisions. The route's guard has checked `pilot:write` for the field.
 */

export async function settingsAction({ event, viewer, field }: PilotActionContext) {
	const db = appDb();
	const pilotId = pilotIdOf(event.params.id);
	const locale = getLocale();
	const form = await readForm(event, settingsSchema(locale), { id: 'settings' });
	if (!form.valid) {
		form.message = errorNotice(m.pilot_check_input());
		return failForm(400, { form });
	}
	const d = form.data;
	const pilot = await loadPilot(db, field.id, pilotId);
	if (!pilot) error(404, m.pilot_not_found());
	const cityName = (id: number) =>
		pilot.partners.find((p) => p.organisationId === id)?.name ?? `#${id}`;
	const result = await saveSettings(db, {
		actorUserId: viewer.principal.userId,
		fieldId: field.id,
		pilotId,
		version: d.version,
		status: d.status,
		startYear: Number(d.startYear),
		endYear: Number(d.endYear),
		allocationKey: d.allocationKey,
		ratePercent: parseLocaleNumber(d.rate, locale) ?? 0,
		baseYear: d.baseYear === '' ? null : Number(d.baseYear),
		partners: d.partnerIds.map((organisationId, i) => ({
			organisationId,
			caseCount: casesFromText(d.cases[i] ?? ''),
			sharePercent: (d.shares[i] ?? '') === '' ? null : (d.shares[i] ?? '').replace(',', '.')
		}))
	});
	if (!result.ok) {
		const message = refusalMessage(result.refusal, cityName);
		// A refusal about one input is shown beside it; the others above the form.
		switch (result.refusal.code) {
			case 'shares_not_100':
				form.message = errorNotice(m.pilot_check_input());
				return setError(form, 'allocationKey', message);
			case 'basis_missing': {
				const i = d.partnerIds.indexOf(result.refusal.organisationId);
				form.message = errorNotice(m.pilot_check_input());
				return setError(form, `cases[${i}]`, message);
			}
			case 'lines_outside':
				form.message = errorNotice(m.pilot_check_input());
				return setError(form, 'startYear', message);
			default:
				form.message = errorNotice(message);
				return failForm(409, { form });
		}
	}
	redirect(303, routes.pilotDone(field.slug, pilotId, 'settings', 'settings-title'));
}

export async function scoresAction({ event, viewer, field }: PilotActionContext) {
	const pilotId = pilotIdOf(event.params.id);
	const form = await readForm(event, scoresSchema, { id: 'scores' });
	if (!form.valid) {
		form.message = errorNotice(m.pilot_check_input());
		return failForm(400, { form });
	}
	const result = await saveScores(appDb(), {
		actorUserId: viewer.principal.userId,
		fieldId: field.id,
		pilotId,
		scores: form.data.criterionIds.map((criterionId, i) => {
			const points = form.data.points[i] ?? '';
			return { criterionId, points: points === '' ? null : Number(points) };
		})
	});
	if (!result.ok) {
		form.message = errorNotice(refusalMessage(result.refusal, () => ''));
		return failForm(409, { form });
	}
	redirect(303, routes.pilotDone(field.slug, pilotId, 'scores', 'strategic-title'));
}

export async function gateAction({ event, viewer, field }: PilotActionContext) {
	const pilotId = pilotIdOf(event.params.id);
	const form = await readForm(event, gateSchema, { id: 'gate' });
	if (!form.valid) {
		form.message = errorNotice(m.pilot_check_input());
		return failForm(400, { form });
	}
	const result = await recordGate(appDb(), {
		actorUserId: viewer.principal.userId,
		fieldId: field.id,
		pilotId,
		...form.data
	});
	if (!result.ok) {
		form.message = errorNotice(refusalMessage(result.refusal, () => ''));
		return failForm(409, { form });
	}
	redirect(303, routes.pilotDone(field.slug, pilotId, 'gate', 'gates-title'));
}
