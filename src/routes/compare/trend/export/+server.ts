import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadTrendPage } from '$lib/server/compare/trend-page';
import { readTrendRequest } from '$lib/server/compare/trend-request';
import { trendTable } from '$lib/server/compare/export-trend';
import { downloadHeaders, tableFile } from '$lib/server/tabular/table-file';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The trend as the page shows it (same filters, same visibility rule) as CSV or XLSX. */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readTrendRequest(event.url.searchParams);
	const format = event.url.searchParams.get('format');
	if (!request || (format !== 'csv' && format !== 'xlsx')) error(400, m.trend_multi_bad_filter());
	const page = await loadTrendPage(appDb(), viewer, request, getLocale());
	if (!page) error(404, m.not_found_field());
	const file = await tableFile(trendTable(page, getLocale()), format, getLocale());
	return new Response(file.body as BodyInit, { headers: downloadHeaders(file) });
};
