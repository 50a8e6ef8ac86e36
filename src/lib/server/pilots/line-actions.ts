import { redirect } from '@sveltejs/kit';
import { setError } from 'sveltekit-superforms';
import { appDb } from '../db';
import { readForm } from '../http/read-form';
import { refusalMessage } from './refusal';
import { pilotIdOf } from './route';
import { addLine, deleteLine, updateLine } from './lines';
import type { PilotActionContext } from './page-context';
import { deleteLineSchema, lineSchema, updateLineSchema } from '$lib/schemas/pilots';
import { parseLocaleNumber } from '$lib/format/parse-number';
import { routes } from '$lib/routes';
import { errorNotice } from '$lib/schemas/form-notice';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { failForm, failNotice } from '../http/form-failure';

/*
 * The pilot page's yearly cost and benefit lines: add, change, delete. The route's guard has
 * checked `pilot:write` for the field; these read the form, write and answer.
 */

const centsOf = (amount: string, locale: ReturnType<typeof getLocale>) =>
	Math.round((parseLocaleNumber(amount, locale) ?? 0) * 100);

export async function addLineAction({ event, viewer, field }: PilotActionContext) {
	const pilotId = pilotIdOf(event.params.id);
	const locale = getLocale();
	const form = await readForm(event, lineSchema(locale), { id: 'line' });
	if (!form.valid) {
		form.message = errorNotice(m.pilot_check_input());
		return failForm(400, { form });
	}
	const result = await addLine(appDb(), {
		actorUserId: viewer.principal.userId,
		fieldId: field.id,
		pilotId,
		year: Number(form.data.year),
		scenario: form.data.scenario,
		kind: form.data.kind,
		amountCents: centsOf(form.data.amount, locale),
		budgetRelevant: form.data.budgetRelevant,
		label: form.data.label
	});
	if (!result.ok) {
		form.message = errorNotice(m.pilot_check_input());
		return setError(
			form,
			'year',
			refusalMessage(result.refusal, () => '')
		);
	}
	redirect(303, routes.pilotDone(field.slug, pilotId, 'line', 'lines-title'));
}

export async function updateLineAction({ event, viewer, field }: PilotActionContext) {
	const pilotId = pilotIdOf(event.params.id);
	const locale = getLocale();
	const form = await readForm(event, updateLineSchema(locale), { id: 'lineEdit' });
	if (!form.valid) {
		form.message = errorNotice(m.pilot_check_input());
		return failForm(400, { form });
	}
	const d = form.data;
	const result = await updateLine(appDb(), {
		actorUserId: viewer.principal.userId,
		fieldId: field.id,
		pilotId,
		lineId: d.lineId,
		version: d.version,
		year: Number(d.year),
		scenario: d.scenario,
		kind: d.kind,
		amountCents: centsOf(d.amount, locale),
		budgetRelevant: d.budgetRelevant,
		label: d.label
	});
	if (!result.ok) {
		const message = refusalMessage(result.refusal, () => '');
		if (result.refusal.code === 'line_outside_years') {
			form.message = errorNotice(m.pilot_check_input());
			return setError(form, 'year', message);
		}
		return failNotice(409, message);
	}
	redirect(303, routes.pilotDone(field.slug, pilotId, 'line_updated', 'lines-title'));
}

export async function deleteLineAction({ event, viewer, field }: PilotActionContext) {
	const pilotId = pilotIdOf(event.params.id);
	const form = await readForm(event, deleteLineSchema, { id: 'delete' });
	if (!form.valid) return failNotice(400, m.pilot_stale());
	const result = await deleteLine(appDb(), {
		actorUserId: viewer.principal.userId,
		fieldId: field.id,
		pilotId,
		lineId: form.data.lineId,
		version: form.data.version
	});
	if (!result.ok)
		return failNotice(
			409,
			refusalMessage(result.refusal, () => '')
		);
	redirect(303, routes.pilotDone(field.slug, pilotId, 'line_deleted', 'lines-title'));
}
