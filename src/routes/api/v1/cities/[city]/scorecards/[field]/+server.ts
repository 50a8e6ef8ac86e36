import { requireApiToken } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { apiError, apiJson } from '$lib/server/api/errors';
import { parseQuery } from '$lib/server/api/body';
import { cityOf, loadScorecardWithValues } from '$lib/server/api/read';
import { scorecardQuerySchema } from '$lib/server/api/schemas';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** One scorecard with its values, all of them or those in `from`…`to` (YYYY-Q). */
export const GET: RequestHandler = async (event) => {
	const access = requireApiToken(event, 'read');
	if (!access.ok) return access.response;
	const query = parseQuery(scorecardQuerySchema, event.url.searchParams);
	if (!query.ok) return query.response;
	const scorecard = await loadScorecardWithValues(appDb(), {
		principal: access.principal,
		organisationId: access.organisationId,
		citySlug: access.token.organisationSlug,
		fieldSlug: event.params.field,
		...query.value
	});
	if (!scorecard) {
		const message = m.api_error_scorecard_not_found({
			city: access.token.organisationName,
			field: event.params.field
		});
		return apiError(404, 'not_found', message);
	}
	return apiJson({ city: cityOf(access.token), scorecard });
};
