import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadHeatmapPage } from '$lib/server/compare/heatmap-page';
import { readHeatmapRequest } from '$lib/server/compare/heatmap-request';
import { heatmapView } from '$lib/domain/compare/heatmap-pages';
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
	const loaded = await loadHeatmapPage(appDb(), viewer, request, getLocale());
	if (!loaded) error(404, m.not_found_field());
	const { heatmap, ...page } = loaded;
	const yearly = page.period?.kind === 'year';
	return { page: { ...page, heatmap: heatmap && heatmapView(heatmap, request.page, yearly) } };
};
