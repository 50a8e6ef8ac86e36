import { m } from '$lib/paraglide/messages';
import { apiError } from '$lib/server/api/errors';
import { isApiPath } from './api-path';
import { messageResponse } from './message-response';

export const UNAVAILABLE_CODE = 'database_unavailable';

/**
 * The answer while the database is down and no page can be rendered (the session check is the
 * first query): 503 with Retry-After, as JSON for API clients, otherwise a small static page.
 */
export function unavailableResponse(url: URL, accept: string | null): Response {
	const message = m.error_database_unavailable();
	// The API answers in problem details, as every other error of it (decision 0019).
	if (isApiPath(url)) {
		return apiError(503, 'database_unavailable', message, {
			headers: { 'retry-after': '5', 'cache-control': 'no-store' }
		});
	}
	return messageResponse(url, accept, {
		status: 503,
		message,
		code: UNAVAILABLE_CODE,
		headers: { 'retry-after': '5' }
	});
}
