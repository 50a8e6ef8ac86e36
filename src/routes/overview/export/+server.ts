import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadOverviewPage } from '$lib/server/compare/overview-page';
import { readOverviewRequest } from '$lib/server/compare/overview-request';
import { overviewTable } from '$lib/server/compare/overview-export';
import { downloadHeaders, tableFile } from '$lib/server/tabular/table-file';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The overview exactly as the page shows it (same city, same visibility), as CSV or XLSX. */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readOverviewRequest(event.url.searchParams);
	const format = event.url.searchParams.get('format');
	if (!request || (format !== 'csv' && format !== 'xlsx')) error(400, m.overview_bad_filter());
	const page = await loadOverviewPage(appDb(), viewer, request, getLocale());
	if (!page) error(404, m.not_found_city());
	if (!page.city) error(400, m.overview_choose_hint());
	const file = await tableFile(overviewTable({ ...page, city: page.city }), format, getLocale());
	return new Response(file.body as BodyInit, { headers: downloadHeaders(file) });
};
