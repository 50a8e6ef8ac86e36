import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadOverviewPage } from '$lib/server/compare/overview-page';
import { readOverviewRequest } from '$lib/server/compare/overview-request';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** One city across all fields (?city=<slug>; a city role sees its own city without it). */
export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readOverviewRequest(event.url.searchParams);
	if (!request) error(400, m.overview_bad_filter());
	const page = await loadOverviewPage(appDb(), viewer, request, getLocale());
	if (!page) error(404, m.not_found_city());
	return { page };
};
