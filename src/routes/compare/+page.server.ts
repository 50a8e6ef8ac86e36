import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadComparison } from '$lib/server/compare/comparison';
import { readComparisonRequest } from '$lib/server/compare/comparison-request';
import { loadPeriodFactors } from '$lib/server/exchange/queries';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	const request = readComparisonRequest(event.url.searchParams);
	if (!request) error(400, m.compare_bad_filter());
	const page = await loadComparison(appDb(), viewer, request);
	if (!page) error(404, m.compare_not_found());
	// Influencing factors of the compared quarter, under the same visibility rule as the values.
	const factors =
		page.period.kind === 'quarter'
			? await loadPeriodFactors(
					appDb(),
					viewer,
					page.kpi.kpiId,
					page.period.year,
					page.period.quarter
				)
			: [];
	return {
		page,
		factors: factors.map((f) => ({ organisationId: f.organisationId, kind: f.kind }))
	};
};
