import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadHeatmapPage } from '$lib/server/compare/heatmap-page';
import { readHeatmapRequest } from '$lib/server/compare/heatmap-request';
import { heatmapTable } from '$lib/server/compare/export-heatmap';
import { downloadHeaders, tableFile } from '$lib/server/tabular/table-file';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The heatmap as the page shows it (same filters, same visibility rule) as CSV or XLSX. */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readHeatmapRequest(event.url.searchParams);
	const format = event.url.searchParams.get('format');
	if (!request || (format !== 'csv' && format !== 'xlsx')) error(400, m.heatmap_bad_filter());
	const page = await loadHeatmapPage(appDb(), viewer, request, getLocale());
	if (!page) error(404, m.not_found_field());
	const file = await tableFile(heatmapTable(page, getLocale()), format, getLocale());
	return new Response(file.body as BodyInit, { headers: downloadHeaders(file) });
};
