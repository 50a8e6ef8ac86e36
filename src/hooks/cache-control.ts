import type { Handle } from '@sveltejs/kit';

/**
 * `Cache-Control: private, no-store` on every answer to an authenticated request (session or
 * API token): pages, their `__data.json`, downloads, redirects and error pages. Without it the
 * browser keeps a city's unreleased figures in its cache, and Back after logout (or the next
 * person at a shared office computer) shows them again. Chromium also keeps no-store pages out
 * of its back/forward cache. Static assets never pass through the hooks (adapter-node serves
 * them first), and anonymous public pages keep their default.
 *
 * The check runs after the inner hooks: they put the session's user and the token on `locals`.
 */
export const handleCacheControl: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (isAuthenticated(event.locals)) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

export function isAuthenticated(locals: App.Locals): boolean {
	// Absent (not null) when a hook answered before the session hook ran, e.g. the 503 page.
	return Boolean(locals.session) || Boolean(locals.user) || locals.apiToken?.ok === true;
}
