import { routes } from '$lib/routes';
import { error, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import { appDb } from '$lib/server/db';
import { listCatalogue } from '$lib/server/directory/field-queries';
import { fieldCities, loadPilot } from '$lib/server/pilots/queries';
import { profileFormData, effectsFromForm } from '$lib/server/pilots/profile-form';
import { saveProfile } from '$lib/server/pilots/profile';
import { refusalMessage } from '$lib/server/pilots/refusal';
import { pilotIdOf } from '$lib/server/pilots/route';
import { profileSchema } from '$lib/schemas/pilots';
import { errorNotice } from '$lib/schemas/form-notice';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { localName } from '$lib/format/local-name';
import { failForm } from '$lib/server/http/form-failure';

/** Title, description, lead, partners and linked KPIs of a pilot (working group only). */
export const load: PageServerLoad = async (event) => {
	const { field } = await requireFieldCapability(event, event.params.field, 'pilot:write');
	const db = appDb();
	const [pilot, cities, catalogue] = await Promise.all([
		loadPilot(db, field.id, pilotIdOf(event.params.id)),
		fieldCities(db, field.id),
		listCatalogue(db, field.id)
	]);
	if (!pilot) error(404, m.pilot_not_found());
	const locale = getLocale();
	const kpis = catalogue.map((k) => ({
		id: k.kpiId,
		code: k.code,
		name: localName(k, locale)
	}));
	const form = await superValidate(
		profileFormData(pilot, kpis, locale),
		zod4(profileSchema(locale)),
		{ errors: false }
	);
	return { field, pilot: { id: pilot.id, title: pilot.title }, cities, kpis, form };
};

export const actions = {
	default: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'pilot:write'
		);
		const db = appDb();
		const pilotId = pilotIdOf(event.params.id);
		const locale = getLocale();
		const form = await readForm(event, profileSchema(locale));
		if (!form.valid) {
			form.message = errorNotice(m.pilot_check_input());
			return failForm(400, { form });
		}
		const d = form.data;
		const result = await saveProfile(db, {
			actorUserId: viewer.principal.userId,
			fieldId: field.id,
			pilotId,
			version: d.version,
			title: d.title,
			description: d.description,
			leadOrganisationId: d.leadOrganisationId,
			partnerIds: d.partnerIds,
			effects: effectsFromForm(d, locale)
		});
		if (!result.ok) {
			const message = refusalMessage(result.refusal, () => '');
			switch (result.refusal.code) {
				case 'title_taken':
					form.message = errorNotice(m.pilot_check_input());
					return setError(form, 'title', message);
				case 'city_not_participant':
				case 'partners_break_key':
					form.message = errorNotice(m.pilot_check_input());
					return setError(form, 'partnerIds._errors', message);
				case 'not_found':
					error(404, m.pilot_not_found());
				// falls through: error() throws
				default:
					form.message = errorNotice(message);
					return failForm(409, { form });
			}
		}
		redirect(303, routes.pilotDone(field.slug, pilotId, 'profile', 'details-title'));
	}
} satisfies Actions;
