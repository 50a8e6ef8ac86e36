import { requireApiToken } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { apiJson } from '$lib/server/api/errors';
import { cityOf, loadCityScorecards } from '$lib/server/api/read';
import type { RequestHandler } from './$types';

/** The city's scorecards, one per field: perspectives, objectives, KPIs with definitions and targets. */
export const GET: RequestHandler = async (event) => {
	const access = requireApiToken(event, 'read');
	if (!access.ok) return access.response;
	const scorecards = await loadCityScorecards(appDb(), access.organisationId);
	return apiJson({ city: cityOf(access.token), scorecards });
};
