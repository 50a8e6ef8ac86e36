import type { Handle } from '@sveltejs/kit';
import { isApiPath } from './api-path';

/**
 * SvelteKit's cross-site form check, moved into a hook so it can leave /api alone.
 *
 * SvelteKit refuses a POST/PUT/PATCH/DELETE with a form content type from another origin (or
 * none) with a plain-text 403 *before any hook runs*, so an API client that sent `text/plain`
 * or a form body got that text instead of the API's problem details, and no hook could change
 * it (sveltejs/kit#6784: the maintainers' advice is to reproduce the check in `handle`). The
 * built-in check is therefore off (`csrf.trustedOrigins: ['*']` in svelte.config.js) and this
 * hook, first in the sequence, applies the same rule to every path except the API: the API is
 * authenticated by a bearer token that a browser never sends by itself, ignores the session
 * cookie, and answers a form body with 415 in its own format (decision 0019).
 *
 * The rule is SvelteKit 2.70's (runtime/server/respond.js), in production and in development.
 * Remote functions keep SvelteKit's own check, which does not depend on this option.
 */
const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function isCrossSiteFormPost(request: Request, url: URL): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0]!.trim().toLowerCase() ?? '';
	return (
		FORM_TYPES.includes(type) &&
		UNSAFE.includes(request.method) &&
		request.headers.get('origin') !== url.origin
	);
}

export const handleCsrf: Handle = ({ event, resolve }) => {
	if (isApiPath(event.url) || !isCrossSiteFormPost(event.request, event.url)) {
		return resolve(event);
	}
	const message = `Cross-site ${event.request.method} form submissions are forbidden`;
	if (event.request.headers.get('accept') === 'application/json') {
		return Response.json({ message }, { status: 403 });
	}
	return new Response(message, {
		status: 403,
		headers: { 'content-type': 'text/plain;charset=UTF-8' }
	});
};
