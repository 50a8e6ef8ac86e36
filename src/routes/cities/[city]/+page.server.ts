import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { findCityBySlug, listFields, listScorecardFieldIds } from '$lib/server/directory/queries';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'ring:read');
	const db = appDb();
	const city = await findCityBySlug(db, event.params.city);
	if (!city) error(404, m.not_found_city());
	const [fields, withScorecard] = await Promise.all([
		listFields(db),
		listScorecardFieldIds(db, city.id)
	]);
	return {
		city,
		fields: fields.map((f) => ({ ...f, hasScorecard: withScorecard.has(f.id) }))
	};
};
