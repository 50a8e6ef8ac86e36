import { routes } from '$lib/routes';
import { redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import { appDb } from '$lib/server/db';
import { createPilot } from '$lib/server/pilots/write';
import { fieldCities } from '$lib/server/pilots/queries';
import { refusalMessage } from '$lib/server/pilots/refusal';
import { createPilotSchema } from '$lib/schemas/pilots';
import { parseLocaleNumber } from '$lib/format/parse-number';
import { errorNotice } from '$lib/schemas/form-notice';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';

/** A new pilot: the working group (pilot:write for the field) names it, its cities and years. */
export const load: PageServerLoad = async (event) => {
	const { field } = await requireFieldCapability(event, event.params.field, 'pilot:write');
	const db = appDb();
	const year = new Date().getUTCFullYear();
	const cities = await fieldCities(db, field.id);
	const form = await superValidate(
		{
			startYear: String(year + 1),
			endYear: String(year + 4),
			rate: '3',
			leadOrganisationId: (cities.find((c) => c.slug === field.leadSlug) ?? cities[0])?.id
		},
		zod4(createPilotSchema(getLocale())),
		{ errors: false }
	);
	return { field, cities, form };
};

export const actions = {
	default: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const db = appDb();
		const locale = getLocale();
		const form = await readForm(event, createPilotSchema(locale));
		if (!form.valid) {
			form.message = errorNotice(m.pilot_check_input());
			return failForm(400, { form });
		}
		const d = form.data;
		const result = await createPilot(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			title: d.title,
			description: d.description,
			leadOrganisationId: d.leadOrganisationId,
			partnerIds: d.partnerIds,
			status: d.status,
			startYear: Number(d.startYear),
			endYear: Number(d.endYear),
			allocationKey: d.allocationKey,
			ratePercent: parseLocaleNumber(d.rate, locale) ?? 0,
			baseYear: d.baseYear === '' ? null : Number(d.baseYear)
		});
		if (!result.ok) {
			form.message = errorNotice(m.pilot_check_input());
			const message = refusalMessage(result.refusal, () => '');
			return result.refusal.code === 'title_taken'
				? setError(form, 'title', message)
				: setError(form, 'partnerIds._errors', message);
		}
		redirect(303, routes.pilotDone(field.slug, result.id, 'created'));
	}
} satisfies Actions;
