import { routes } from '$lib/routes';
import { redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import { createKpi } from '$lib/server/catalogue/commands';
import { currentQuarter, definitionFromForm, refusalResponse } from '$lib/server/catalogue/form';
import { appDb } from '$lib/server/db';
import { createKpiSchema, normaliseCode } from '$lib/schemas/catalogue';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';
import { errorNotice } from '$lib/schemas/form-notice';

/** A new shared KPI of the field: only its field lead. */
export const load: PageServerLoad = async (event) => {
	const { field } = await requireFieldCapability(event, event.params.field, 'catalogue:write');
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
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'catalogue:write'
		);
		const db = appDb();
		const locale = getLocale();
		const form = await readForm(event, createKpiSchema(locale));
		if (!form.valid) {
			form.message = errorNotice(m.catalogue_editor_check_input());
			return failForm(400, { form });
		}
		const code = normaliseCode(form.data.code);
		const result = await createKpi(db, viewer.principal.userId, {
			fieldId: field.id,
			code,
			validFrom: { year: Number(form.data.validFromYear), quarter: form.data.validFromQuarter },
			definition: definitionFromForm(form.data, locale)
		});
		if (!result.ok) return refusalResponse(form, result, locale);
		redirect(303, routes.catalogueKpiDone(field.slug, result.code, 'created'));
	}
};
