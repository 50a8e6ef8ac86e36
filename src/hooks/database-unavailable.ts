/**
 * While the database is down (restart, failover) requests answer at once with 503 and a page
 * saying so, instead of a generic 500; the connection pool reconnects by itself afterwards.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import {
	isDatabaseUnavailable,
	isDriverWriteAfterClose,
	unavailableReason
} from '$lib/server/db/unavailable';
import { reopenServerPool } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { UNAVAILABLE_CODE, unavailableResponse } from './unavailable-response';
import { logger } from '$lib/server/ops/logger';

/** Requests whose load or action failed for want of the database (keyed by their locals). */
const failed = new WeakSet<App.Locals>();

/**
 * postgres.js 3.4.9 can also leave a connection that never sends its startup message after a
 * reconnect (the buffered-write timer is cleared but not reset): every query routed to it times
 * out after connect_timeout, long after the server is back. A connect timeout therefore swaps
 * the pool for a fresh one, at most every 10 s.
 */
let lastReopen = 0;
function noteUnavailable(locals: App.Locals, route: string | null, e: unknown) {
	const reason = unavailableReason(e);
	// The route id, not the path: a set-password path carries its token.
	logger().warn({ requestId: locals.requestId, route, reason }, 'database unavailable');
	if (!reason.includes('CONNECT_TIMEOUT') || Date.now() - lastReopen < 10_000) return;
	lastReopen = Date.now();
	void reopenServerPool().catch((err: unknown) =>
		logger().error({ err }, 'reopening the pool failed')
	);
}

export const handleError: HandleServerError = ({ error: e, event, message }) => {
	if (isDatabaseUnavailable(e)) {
		failed.add(event.locals);
		noteUnavailable(event.locals, event.route.id, e);
		return { message: m.error_database_unavailable(), code: UNAVAILABLE_CODE };
	}
	// As SvelteKit's default, show no details; the error itself is logged in lib/server/ops.
	return { message };
};

/** Whether this request's load, action or endpoint failed for want of the database. */
export const failedForWantOfDatabase = (locals: App.Locals): boolean => failed.has(locals);

export const handleDatabaseUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		// Thrown by a hook before any load ran (the session check is the first query).
		if (!isDatabaseUnavailable(e)) throw e;
		noteUnavailable(event.locals, event.route.id, e);
		return unavailableResponse(event.url, event.request.headers.get('accept'));
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
		logger().error(
			{ reason: unavailableReason(reason) },
			'database connection lost (unawaited query)'
		);
	});
	// The driver's write-after-close bug: replace the pool instead of ending the process. Any
	// other uncaught exception ends it as Node would (message, exit code 1).
	process.on('uncaughtException', (error) => {
		if (!isDriverWriteAfterClose(error)) {
			logger().fatal({ err: error }, 'uncaught exception');
			process.exit(1);
		}
		logger().warn('database driver wrote to a closed connection; opening a fresh pool');
		void reopenServerPool().catch((err: unknown) =>
			logger().error({ err }, 'reopening the pool failed')
		);
	});
}
