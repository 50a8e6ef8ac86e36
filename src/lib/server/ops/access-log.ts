import type { Handle } from '@sveltejs/kit';
import type { Logger } from './logger';
import { recordRequest, type RequestSample } from './metrics';
import { isProbe } from './probes';
import { requestIdFor } from './request-id';
import { countStatements } from '../db/statement-count';

export interface AccessLogOptions {
	log: () => Logger;
	/** Header of a trusted proxy's request id (REQUEST_ID_HEADER), or none. */
	trustedHeader: () => string | undefined;
	record?: (sample: RequestSample) => void;
}

/**
 * First hook: gives the request its id (locals.requestId, `X-Request-Id` on the answer), and
 * after the answer writes one access line and the request metrics. The line names the route id,
 * never the path or query (a set-password link carries its token in the path) and no header,
 * form field or value; the person only by user id.
 */
export function createAccessLog(options: AccessLogOptions): Handle {
	const record = options.record ?? recordRequest;
	return async ({ event, resolve }) => {
		const started = performance.now();
		const requestId = requestIdFor(event.request.headers, options.trustedHeader());
		event.locals.requestId = requestId;
		let status = 500;
		let statements = 0;
		try {
			const counted = await countStatements(async () => resolve(event));
			statements = counted.statements;
			const response = counted.result;
			status = response.status;
			return withHeader(response, 'x-request-id', requestId);
		} finally {
			const seconds = (performance.now() - started) / 1000;
			const route = event.route.id;
			const method = event.request.method;
			record({ method, route, status, seconds });
			const line = {
				requestId,
				method,
				route,
				status,
				durationMs: Math.round(seconds * 10_000) / 10,
				// SQL statements of the whole request: hooks, layout, page (issue 18's budget).
				sqlStatements: statements,
				userId: userIdOf(event.locals)
			};
			// Probes every few seconds would drown the log: only at debug level, unless they fail.
			const quiet = isProbe(event.url) && status < 500;
			options.log()[quiet ? 'debug' : 'info'](line, 'request');
		}
	};
}

function userIdOf(locals: App.Locals): number | null {
	if (locals.user) return locals.user.id;
	return locals.apiToken?.ok ? locals.apiToken.token.userId : null;
}

/** Some responses (a redirect built by Response.redirect, a fetched body) have immutable headers. */
function withHeader(response: Response, name: string, value: string): Response {
	try {
		response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		copy.headers.set(name, value);
		return copy;
	}
}
