import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireUser } from '$lib/server/auth/guards';
import { createKpi } from '$lib/server/catalogue/commands';
import { currentQuarter, definitionFromForm, refusalResponse } from '$lib/server/catalogue/form';
import { catalogueHref, editableFieldOf } from '$lib/server/catalogue/route';
import { appDb } from '$lib/server/db';
import { createKpiSchema, normaliseCode } from '$lib/schemas/catalogue';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

/** A new shared KPI of the field: only its field lead. */
export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	const field = await editableFieldOf(appDb(), viewer, event.params.field);
	const start = currentQuarter(new Date());
	const form = await superValidate(
		{
			validFromYear: String(start.year),
			validFromQuarter: start.quarter,
			decimals: 1,
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			denominator: 'none'
		},
		zod4(createKpiSchema(getLocale())),
		{ errors: false }
	);
	return { field, form };
};

export const actions: Actions = {
	default: async (event) => {
		const viewer = requireUser(event);
		const db = appDb();
		const field = await editableFieldOf(db, viewer, event.params.field);
		const locale = getLocale();
		const form = await superValidate(event.request, zod4(createKpiSchema(locale)), {
			allowFiles: false
		});
		if (!form.valid) {
			form.message = m.catalogue_editor_check_input();
			return fail(400, { form });
		}
		const code = normaliseCode(form.data.code);
		const result = await createKpi(db, viewer.principal.userId, {
			fieldId: field.id,
			code,
			validFrom: { year: Number(form.data.validFromYear), quarter: form.data.validFromQuarter },
			definition: definitionFromForm(form.data, locale)
		});
		if (!result.ok) return refusalResponse(form, result, locale);
		redirect(303, catalogueHref(field.slug, result.code, 'done=created'));
	}
};
