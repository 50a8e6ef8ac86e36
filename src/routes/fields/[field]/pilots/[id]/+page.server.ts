import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import { appDb } from '$lib/server/db';
import { loadPilot, organisationName, type LoadedPilot } from '$lib/server/pilots/queries';
import { lineEditFormData, pilotView, settingsFormData } from '$lib/server/pilots/page';
import { refusalMessage } from '$lib/server/pilots/refusal';
import { canWritePilots, ownCityOf, pilotHref, pilotIdOf } from '$lib/server/pilots/route';
import { recordGate, saveSettings } from '$lib/server/pilots/write';
import { addLine, deleteLine, updateLine } from '$lib/server/pilots/lines';
import { saveScores } from '$lib/server/pilots/strategic';
import { pilotExchange, pilotNoteAction } from '$lib/server/exchange/pilot-actions';
import {
	casesFromText,
	deleteLineSchema,
	gateSchema,
	lineSchema,
	scoresSchema,
	settingsSchema,
	updateLineSchema
} from '$lib/schemas/pilots';
import { parseLocaleNumber } from '$lib/format/parse-number';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { AppLocale } from '$lib/format/number';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { readForm } from '$lib/server/http/read-form';

/**
 * One pilot: profile, partners and key, yearly lines, the WiBe economics, each city's share and
 * the working group's gate decisions. Writing needs `pilot:write` for the field.
 */
export const load: PageServerLoad = async (event) => {
	const { viewer, field } = await requireFieldCapability(event, event.params.field, 'ring:read');
	const db = appDb();
	const pilot = await loadPilot(db, field.id, pilotIdOf(event.params.id));
	if (!pilot) error(404, m.pilot_not_found());
	const locale = getLocale();
	const canWrite = canWritePilots(viewer, field.id);
	const today = new Date().toISOString().slice(0, 10);
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
		settingsForm: canWrite
			? await superValidate(settingsFormData(pilot, locale), zod4(settingsSchema(locale)), {
					errors: false,
					id: 'settings'
				})
			: null,
		lineForm: canWrite
			? await superValidate(
					{ year: String(pilot.startYear), amount: '', budgetRelevant: true },
					zod4(lineSchema(locale)),
					{ errors: false, id: 'line' }
				)
			: null,
		lineEditForm: canWrite ? await lineEditForm(pilot, event.url, locale) : null,
		scoresForm: canWrite
			? await superValidate(
					{
						criterionIds: pilot.criteria.map((c) => c.id),
						points: pilot.criteria.map((c) => (c.points === null ? '' : String(c.points)))
					},
					zod4(scoresSchema),
					{ errors: false, id: 'scores' }
				)
			: null,
		gateForm: canWrite
			? await superValidate({ decidedOn: today, rating: 5 }, zod4(gateSchema), {
					errors: false,
					id: 'gate'
				})
			: null
	};
};

/** The line named by `?editLine=` in an edit form, or null (no such line: nothing to edit). */
async function lineEditForm(pilot: LoadedPilot, url: URL, locale: AppLocale) {
	const data = lineEditFormData(pilot, url.searchParams.get('editLine'), locale);
	return data
		? superValidate(data, zod4(updateLineSchema(locale)), { errors: false, id: 'lineEdit' })
		: null;
}

/** The rest of every write action's context, after its guard found the field and the right. */
function writeContext(event: RequestEvent) {
	return { db: appDb(), pilotId: pilotIdOf(event.params.id) };
}

export const actions = {
	settings: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const { db, pilotId } = writeContext(event);
		const locale = getLocale();
		const form = await readForm(event, settingsSchema(locale), { id: 'settings' });
		if (!form.valid) {
			form.message = m.pilot_check_input();
			return fail(400, { form });
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
			switch (result.refusal.code) {
				case 'shares_not_100':
					form.message = m.pilot_check_input();
					return setError(form, 'allocationKey', message);
				case 'basis_missing': {
					const i = d.partnerIds.indexOf(result.refusal.organisationId);
					form.message = m.pilot_check_input();
					return setError(form, `cases[${i}]`, message);
				}
				case 'lines_outside':
					form.message = m.pilot_check_input();
					return setError(form, 'startYear', message);
				default:
					form.message = message;
					return fail(409, { form });
			}
		}
		redirect(303, pilotHref(field.slug, pilotId, 'done=settings#settings-title'));
	},
	addLine: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const { db, pilotId } = writeContext(event);
		const locale = getLocale();
		const form = await readForm(event, lineSchema(locale), { id: 'line' });
		if (!form.valid) {
			form.message = m.pilot_check_input();
			return fail(400, { form });
		}
		const result = await addLine(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			pilotId,
			year: Number(form.data.year),
			scenario: form.data.scenario,
			kind: form.data.kind,
			amountCents: Math.round((parseLocaleNumber(form.data.amount, locale) ?? 0) * 100),
			budgetRelevant: form.data.budgetRelevant,
			label: form.data.label
		});
		if (!result.ok) {
			form.message = m.pilot_check_input();
			return setError(
				form,
				'year',
				refusalMessage(result.refusal, () => '')
			);
		}
		redirect(303, pilotHref(field.slug, pilotId, 'done=line#lines-title'));
	},
	updateLine: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const { db, pilotId } = writeContext(event);
		const locale = getLocale();
		const form = await readForm(event, updateLineSchema(locale), { id: 'lineEdit' });
		if (!form.valid) {
			form.message = m.pilot_check_input();
			return fail(400, { form });
		}
		const d = form.data;
		const result = await updateLine(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			pilotId,
			lineId: d.lineId,
			version: d.version,
			year: Number(d.year),
			scenario: d.scenario,
			kind: d.kind,
			amountCents: Math.round((parseLocaleNumber(d.amount, locale) ?? 0) * 100),
			budgetRelevant: d.budgetRelevant,
			label: d.label
		});
		if (!result.ok) {
			const message = refusalMessage(result.refusal, () => '');
			if (result.refusal.code === 'line_outside_years') {
				form.message = m.pilot_check_input();
				return setError(form, 'year', message);
			}
			return fail(409, { notice: message });
		}
		redirect(303, pilotHref(field.slug, pilotId, 'done=line_updated#lines-title'));
	},
	deleteLine: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const { db, pilotId } = writeContext(event);
		const form = await readForm(event, deleteLineSchema, { id: 'delete' });
		if (!form.valid) return fail(400, { notice: m.pilot_stale() });
		const result = await deleteLine(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			pilotId,
			lineId: form.data.lineId,
			version: form.data.version
		});
		if (!result.ok) return fail(409, { notice: refusalMessage(result.refusal, () => '') });
		redirect(303, pilotHref(field.slug, pilotId, 'done=line_deleted#lines-title'));
	},
	scores: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const { db, pilotId } = writeContext(event);
		const form = await readForm(event, scoresSchema, { id: 'scores' });
		if (!form.valid) {
			form.message = m.pilot_check_input();
			return fail(400, { form });
		}
		const result = await saveScores(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			pilotId,
			scores: form.data.criterionIds.map((criterionId, i) => {
				const points = form.data.points[i] ?? '';
				return { criterionId, points: points === '' ? null : Number(points) };
			})
		});
		if (!result.ok) {
			form.message = refusalMessage(result.refusal, () => '');
			return fail(409, { form });
		}
		redirect(303, pilotHref(field.slug, pilotId, 'done=scores#strategic-title'));
	},
	gate: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const { db, pilotId } = writeContext(event);
		const form = await readForm(event, gateSchema, { id: 'gate' });
		if (!form.valid) {
			form.message = m.pilot_check_input();
			return fail(400, { form });
		}
		const result = await recordGate(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			pilotId,
			...form.data
		});
		if (!result.ok) {
			form.message = refusalMessage(result.refusal, () => '');
			return fail(409, { form });
		}
		redirect(303, pilotHref(field.slug, pilotId, 'done=gate#gates-title'));
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
