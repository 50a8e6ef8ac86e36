import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadHeatmapPage } from '$lib/server/compare/heatmap-page';
import { readHeatmapRequest } from '$lib/server/compare/heatmap-request';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** Cities × shared KPIs of a field for a quarter or year (?field=…&period=2026-Q3|2025). */
export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readHeatmapRequest(event.url.searchParams);
	if (!request) error(400, m.heatmap_bad_filter());
	const page = await loadHeatmapPage(appDb(), viewer, request, getLocale());
	if (!page) error(404, m.not_found_field());
	return { page };
};
