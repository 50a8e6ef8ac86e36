import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadComparison } from '$lib/server/compare/comparison';
import { readComparisonRequest } from '$lib/server/compare/comparison-request';
import { comparisonTable } from '$lib/server/compare/comparison-table';
import { downloadHeaders, tableFile } from '$lib/server/tabular/table-file';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The comparison exactly as the page shows it (same filters, same visibility), as CSV or XLSX. */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readComparisonRequest(event.url.searchParams);
	const format = event.url.searchParams.get('format');
	if (!request || (format !== 'csv' && format !== 'xlsx')) error(400, m.compare_bad_filter());
	const page = await loadComparison(appDb(), viewer, request);
	if (!page) error(404, m.compare_not_found());
	const file = await tableFile(comparisonTable(page, getLocale()), format, getLocale());
	return new Response(file.body as BodyInit, { headers: downloadHeaders(file) });
};
