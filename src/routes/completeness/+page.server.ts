import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { chosenQuarter, loadCompleteness, loadDrilldown } from '$lib/server/periods/completeness';
import { m } from '$lib/paraglide/messages';
import { berlinDate } from '$lib/domain/period/deadline';
import type { PageServerLoad } from './$types';

/**
 * The ring-wide completeness of a quarter (?q=2026-3) for admins, observers and field leads
 * (city roles get 403), with the KPI level of a field (&field=…) or of one city × field cell
 * (&field=…&city=…). States and counts only, never values.
 */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'completeness:read');
	const db = appDb();
	const params = event.url.searchParams;
	const { quarter, quarters } = await chosenQuarter(db, params.get('q'), new Date());
	const { matrix, reminders } = await loadCompleteness(db, quarter);

	const fieldSlug = params.get('field');
	const citySlug = params.get('city');
	const field = fieldSlug ? matrix.fields.find((f) => f.slug === fieldSlug) : undefined;
	if (fieldSlug && !field) error(404, m.not_found_field());
	const city = citySlug ? matrix.cities.find((c) => c.slug === citySlug) : undefined;
	if (citySlug && !city) error(404, m.not_found_city());
	const drilldown = field ? await loadDrilldown(db, field.id, quarter, city?.id ?? null) : null;

	return {
		quarter,
		quarters,
		matrix,
		reminders,
		drilldown,
		drillCity: city ?? null,
		today: berlinDate(new Date())
	};
};
