import { routes } from '$lib/routes';
import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import { appDb } from '$lib/server/db';
import { fieldCriteria, listFieldPilots } from '$lib/server/pilots/queries';
import { reviewRow } from '$lib/server/pilots/review';
import { kpiEffectsOfField } from '$lib/server/pilots/kpi-effects';
import { canWritePilots } from '$lib/server/pilots/route';
import { saveCriteria } from '$lib/server/pilots/strategic';
import { refusalMessage } from '$lib/server/pilots/refusal';
import { criteriaSchema } from '$lib/schemas/pilots';
import { errorNotice } from '$lib/schemas/form-notice';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';

/**
 * The working group's review page: every pilot of the field with status, planned NPV, the
 * current gate ratings and planned vs realised benefits. Pilots are coordination data of the
 * field, not a city's figures: everyone logged in reads them. The field's strategic criteria
 * are edited here by whoever may write pilots.
 */
export const load: PageServerLoad = async (event) => {
	const { viewer, field } = await requireFieldCapability(event, event.params.field, 'ring:read');
	const db = appDb();
	const [pilots, criteria] = await Promise.all([
		listFieldPilots(db, field.id),
		fieldCriteria(db, field.id)
	]);
	const effects = await kpiEffectsOfField(db, field.id, pilots);
	const canWrite = canWritePilots(viewer, field.id);
	// One blank row at the end adds a criterion (works without JavaScript).
	const rows = [...criteria, { id: 0, name: '', weight: null }];
	return {
		field,
		pilots: pilots.map((p) => ({ ...reviewRow(p), kpiEffects: effects.get(p.id) ?? [] })),
		criteria,
		canWrite,
		criteriaForm: canWrite
			? await superValidate(
					{
						criterionIds: rows.map((c) => c.id),
						names: rows.map((c) => c.name),
						weights: rows.map((c) => (c.weight === null ? '' : String(c.weight)))
					},
					zod4(criteriaSchema),
					{ errors: false, id: 'criteria' }
				)
			: null
	};
};

export const actions = {
	criteria: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const db = appDb();
		const form = await readForm(event, criteriaSchema, { id: 'criteria' });
		if (!form.valid) {
			form.message = errorNotice(m.pilot_check_input());
			return failForm(400, { form });
		}
		const d = form.data;
		const criteria = d.criterionIds.flatMap((id, i) => {
			const name = d.names[i] ?? '';
			const weight = d.weights[i] ?? '';
			return name === '' && weight === '' ? [] : [{ id, name, weight: Number(weight) }];
		});
		const result = await saveCriteria(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			criteria
		});
		if (!result.ok) {
			form.message = errorNotice(refusalMessage(result.refusal, () => ''));
			return failForm(409, { form });
		}
		redirect(303, routes.pilotsDone(field.slug, 'criteria', 'criteria-title'));
	}
} satisfies Actions;
