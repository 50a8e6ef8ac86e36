import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadHeatmapPageView } from '$lib/server/compare/heatmap-page';
import { readHeatmapRequest } from '$lib/server/compare/heatmap-request';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/**
 * Cities × shared KPIs of a field for a quarter or year (?field=…&period=2026-Q3|2025), narrowed
 * to a peer group (&group=…), one page of municipalities at a time (&page=2, decision 0039).
 */
export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readHeatmapRequest(event.url.searchParams);
	if (!request) error(400, m.heatmap_bad_filter());
	// Reads only the page's rows; the medians over all of the view's cities come from the database.
	const page = await loadHeatmapPageView(appDb(), viewer, request, getLocale());
	if (!page) error(404, m.not_found_field());
	return { page };
};
