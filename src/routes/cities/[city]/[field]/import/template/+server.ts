import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { visibleStatesFor } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { findScorecard } from '$lib/server/scorecards/queries';
import { chooseQuarter } from '$lib/server/entry/grid';
import { loadExportRows } from '$lib/server/import-export/export-rows';
import { downloadQuery, fileResponse, quarterParam } from '$lib/server/import-export/download';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/**
 * The import template of a quarter: every KPI of the scorecard, with the stored value where the
 * viewer may see one, else empty. Default quarter: the field's open one (as the entry grid).
 */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const query = downloadQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success || query.data.q === 'all') error(400, m.export_format_invalid());
	const header = await findScorecard(appDb(), event.params.city, event.params.field);
	if (!header) error(404, m.not_found_scorecard());
	const quarter =
		quarterParam(query.data.q) ??
		(await chooseQuarter(appDb(), event.params.field, null, new Date()));
	if (!quarter) error(400, m.export_format_invalid());
	const locale = getLocale();
	const rows = await loadExportRows(
		appDb(),
		header,
		visibleStatesFor(viewer.principal, header.organisation.id),
		{ quarter, template: true, locale }
	);
	return fileResponse(rows, {
		format: query.data.format,
		locale,
		kind: 'template',
		city: header.organisation.slug,
		field: header.field.slug,
		quarter
	});
};
