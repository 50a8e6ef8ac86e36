import { m } from '$lib/paraglide/messages';
import { messageResponse } from './message-response';

export const UNAVAILABLE_CODE = 'database_unavailable';

/**
 * The answer while the database is down and no page can be rendered (the session check is the
 * first query): 503 with Retry-After, as JSON for API clients, otherwise a small static page.
 */
export function unavailableResponse(url: URL, accept: string | null): Response {
	return messageResponse(url, accept, {
		status: 503,
		message: m.error_database_unavailable(),
		code: UNAVAILABLE_CODE,
		headers: { 'retry-after': '5' }
	});
}
