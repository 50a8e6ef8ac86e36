import { allowAnonymous } from '$lib/server/auth/guards';
import { apiError, apiJson } from '$lib/server/api/errors';
import { describeProblemType } from '$lib/server/api/problem-types';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** What a problem `type` of the API's error answers means: public, it holds no data. */
export const GET: RequestHandler = async (event) => {
	allowAnonymous(event);
	const description = describeProblemType(event.params.code);
	if (!description) return apiError(404, 'not_found', m.api_problem_type_unknown());
	return apiJson(description);
};
