import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadComparison } from '$lib/server/compare/comparison';
import { readComparisonRequest } from '$lib/server/compare/comparison-request';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const request = readComparisonRequest(event.url.searchParams);
	if (!request) error(400, m.compare_bad_filter());
	const page = await loadComparison(appDb(), viewer, request);
	if (!page) error(404, m.compare_not_found());
	return { page };
};
