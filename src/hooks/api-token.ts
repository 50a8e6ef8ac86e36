import type { Handle } from '@sveltejs/kit';
import { appDb } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import {
	authenticateApiToken,
	recordApiTokenRefusal,
	recordApiTokenUse,
	type ApiTokenAuthResult
} from '$lib/server/api-tokens/authenticate';
import { apiError, isProblemResponse } from '$lib/server/api/errors';
import { isApiPath } from './api-path';
import { failedForWantOfDatabase } from './database-unavailable';
import { logger } from '$lib/server/ops/logger';

/**
 * For /api/v1 only: authenticates the bearer token once (one query) and puts the result on
 * `locals.apiToken`, where `requireApiToken` decides. The session cookie plays no part in the
 * API. After the endpoint has answered, the use is audited with its status; a response SvelteKit
 * produced itself (unknown path, wrong method, a crash) is turned into the API's JSON error.
 */
export const handleApiToken: Handle = async ({ event, resolve }) => {
	if (!isApiPath(event.url)) return resolve(event);
	const db = appDb();
	const now = new Date();
	const auth = await authenticateApiToken(db, event.request.headers.get('authorization'), now);
	event.locals.apiToken = auth;

	const resolved =
		event.route.id === null
			? apiError(404, 'not_found', m.api_error_not_found())
			: await resolve(event);
	const response = failedForWantOfDatabase(event.locals)
		? apiError(503, 'database_unavailable', m.error_database_unavailable(), {
				headers: { 'Retry-After': '5' }
			})
		: asApiResponse(resolved, event.request.method);
	try {
		await audit(auth, {
			method: event.request.method,
			path: event.url.pathname,
			status: response.status
		});
	} catch (error) {
		// No unaudited use: without its audit entry the answer is withheld. A delivery that was
		// already written is safe to repeat: the repeat changes nothing.
		logger().error({ err: error, requestId: event.locals.requestId }, 'api audit failed');
		return apiError(500, 'internal_error', m.api_error_internal());
	}
	return response;

	function audit(
		result: ApiTokenAuthResult,
		request: { method: string; path: string; status: number }
	) {
		if (result.ok) return recordApiTokenUse(db, result.token, request, now);
		if (result.reason === 'missing') return Promise.resolve();
		return recordApiTokenRefusal(db, { reason: result.reason, token: result.token }, request);
	}
};

/**
 * Our endpoints answer errors in problem details; any other error came from SvelteKit itself
 * (as text, HTML or its own JSON): 404 for an unknown path (answered above), 405 for a method
 * the endpoint lacks, 500 after a crash.
 */
function asApiResponse(response: Response, method: string): Response {
	if (response.status < 400 || isProblemResponse(response)) return response;
	if (response.status === 405) {
		const allowed = response.headers.get('allow') ?? '';
		return apiError(
			405,
			'method_not_allowed',
			m.api_error_method_not_allowed({ method, allowed }),
			{
				headers: { Allow: allowed }
			}
		);
	}
	if (response.status === 404) return apiError(404, 'not_found', m.api_error_not_found());
	if (response.status < 500) {
		return apiError(response.status, 'invalid_request', m.api_error_invalid_request());
	}
	return apiError(500, 'internal_error', m.api_error_internal());
}
