import { error, type Handle, type HandleServerError } from '@sveltejs/kit';
import { isDatabaseUnavailable, unavailableReason } from '$lib/server/db/unavailable';
import { m } from '$lib/paraglide/messages';

/**
 * While the database is down (restart, failover) requests answer at once with 503 and a page
 * saying so, instead of a generic 500; the connection pool reconnects by itself afterwards.
 */
const CODE = 'database_unavailable';

/** Requests whose load or action failed for want of the database (keyed by their locals). */
const failed = new WeakSet<App.Locals>();

export const handleError: HandleServerError = ({ error: e, event, status, message }) => {
	if (isDatabaseUnavailable(e)) {
		failed.add(event.locals);
		console.error(`Database unavailable (${event.url.pathname}): ${unavailableReason(e)}`);
		return { message: m.error_database_unavailable(), code: CODE };
	}
	// As SvelteKit's default: log the unexpected error, show no details.
	if (status >= 500) console.error(e);
	return { message };
};

export const handleDatabaseUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		// Thrown by a hook before any load ran (the session check is the first query).
		if (!isDatabaseUnavailable(e)) throw e;
		console.error(`Database unavailable (${event.url.pathname}): ${unavailableReason(e)}`);
		error(503, { message: m.error_database_unavailable(), code: CODE });
	}
	if (response.status !== 500 || !failed.has(event.locals)) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', '5');
	return new Response(response.body, { status: 503, headers });
};

/**
 * When the server drops connections (restart), postgres.js may reject a query promise that
 * nobody awaits any more (seen under load: "read ECONNRESET"); Node would end the whole process
 * for it. Such a rejection is logged and the app keeps serving; any other one still ends it.
 */
export function survivePoolDisconnects() {
	process.on('unhandledRejection', (reason) => {
		if (!isDatabaseUnavailable(reason)) throw reason;
		console.error(`Database connection lost (unawaited query): ${unavailableReason(reason)}`);
	});
}
