import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { visibleStatesFor } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { findScorecard } from '$lib/server/scorecards/queries';
import { loadExportRows } from '$lib/server/import-export/export-rows';
import { downloadQuery, fileResponse, quarterParam } from '$lib/server/import-export/download';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The scorecard's values (a quarter or all) in the import's columns; only states the viewer may see. */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const query = downloadQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) error(400, m.export_format_invalid());
	const header = await findScorecard(appDb(), event.params.city, event.params.field);
	if (!header) error(404, m.not_found_scorecard());
	const quarter = quarterParam(query.data.q);
	const locale = getLocale();
	const rows = await loadExportRows(
		appDb(),
		header,
		visibleStatesFor(viewer.principal, header.organisation.id),
		{ quarter, template: false, locale }
	);
	return fileResponse(rows, {
		format: query.data.format,
		locale,
		kind: 'values',
		city: header.organisation.slug,
		field: header.field.slug,
		quarter
	});
};
