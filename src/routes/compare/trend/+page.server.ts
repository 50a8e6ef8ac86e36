import { error, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadTrendPage } from '$lib/server/compare/trend-page';
import { readTrendRequest } from '$lib/server/compare/trend-request';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/** One shared KPI over quarters for chosen cities (?field=&kpi=&cities=a,b&from=&to=). */
export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readTrendRequest(event.url.searchParams);
	if (!request) error(400, m.trend_multi_bad_filter());
	const page = await loadTrendPage(appDb(), viewer, request, getLocale());
	if (!page) error(404, m.not_found_field());
	// After the field changed, the URL still names the old field's KPI: the page shows the new
	// field's first KPI, so the address says that one (a shared link shows what was seen).
	if (request.kpi && request.kpi !== page.code) {
		const canonical = new URL(event.url);
		if (page.code) canonical.searchParams.set('kpi', page.code);
		else canonical.searchParams.delete('kpi');
		redirect(303, canonical.pathname + canonical.search);
	}
	return { page };
};
