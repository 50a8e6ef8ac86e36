import type { HandleServerError } from '@sveltejs/kit';
import type { Logger } from './logger';

/**
 * Wraps the app's error handler: an unexpected error is logged with its stack, route and the
 * request's id, and the id goes to the error page, so a person can quote it to the helpdesk.
 */
export function withErrorLog(inner: HandleServerError, log: () => Logger): HandleServerError {
	return async (input) => {
		const requestId = input.event.locals.requestId;
		if (input.status >= 500) {
			log().error(
				{ err: input.error, requestId, route: input.event.route.id, status: input.status },
				'unexpected error'
			);
		}
		const shown = (await inner(input)) ?? { message: input.message };
		return requestId ? { ...shown, requestId } : shown;
	};
}
