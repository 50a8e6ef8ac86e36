import { error, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadComparison } from '$lib/server/compare/comparison';
import {
	canonicalComparisonUrl,
	readComparisonRequest
} from '$lib/server/compare/comparison-request';
import { rememberComparison, rememberedComparison } from '$lib/server/compare/remembered';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const { url, cookies } = event;
	// "Vergleich" in the navigation has no filters: it comes back to the last view (decision 0040).
	if (url.search === '') {
		const remembered = rememberedComparison(cookies, viewer.principal.userId);
		if (remembered) redirect(303, `${url.pathname}?${remembered}`);
	}
	const request = readComparisonRequest(url.searchParams);
	if (!request) error(400, m.compare_bad_filter());
	const page = await loadComparison(appDb(), viewer, request);
	if (!page) error(404, m.compare_not_found());
	const canonical = canonicalComparisonUrl(url, { field: page.field.slug, kpi: page.kpi.code });
	if (canonical) redirect(303, canonical);
	rememberComparison(cookies, url, viewer.principal.userId);
	return { page };
};
