import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadOverviewPage } from '$lib/server/compare/overview-page';
import { readOverviewRequest } from '$lib/server/compare/overview-request';
import { loadRingOverview } from '$lib/server/compare/ring-overview';
import { unreleasedOrganisations } from '$lib/server/auth/viewer';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** One city across all fields (?city=<slug>; a city role sees its own city without it). */
export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readOverviewRequest(event.url.searchParams);
	if (!request) error(400, m.overview_bad_filter());
	// A viewer without own city (Städtetag, administration) sees the whole ring until it picks one.
	const ringWide = !request.city && unreleasedOrganisations(viewer).length === 0;
	const [page, ring] = await Promise.all([
		loadOverviewPage(appDb(), viewer, request, getLocale()),
		ringWide ? loadRingOverview(appDb()) : null
	]);
	if (!page) error(404, m.not_found_city());
	return { page, ring };
};
