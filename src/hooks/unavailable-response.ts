import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { routes } from '$lib/routes';
import { apiError } from '$lib/server/api/errors';
import { isApiPath } from './api-path';

export const UNAVAILABLE_CODE = 'database_unavailable';

/**
 * The answer while the database is down and no page can be rendered (the session check is the
 * first query): 503 with Retry-After, as JSON for API clients, otherwise a small static page in
 * the request's language. SvelteKit's built-in fallback page would be English and unstyled.
 */
export function unavailableResponse(url: URL, accept: string | null): Response {
	const message = m.error_database_unavailable();
	const headers = { 'retry-after': '5', 'cache-control': 'no-store' };
	// The API answers in problem details, as every other error of it (decision 0019).
	if (isApiPath(url)) return apiError(503, 'database_unavailable', message, { headers });
	// As SvelteKit decides for its own error answers: a page unless the client asks for data.
	const wantsHtml = (accept ?? 'text/html').includes('text/html');
	if (!wantsHtml)
		return Response.json({ message, code: UNAVAILABLE_CODE }, { status: 503, headers });
	const title = `${m.error_title({ status: '503' })} · ${m.app_name()}`;
	// Only our own message texts go into the page; nothing of the request.
	const html = `<!doctype html>
<html lang="${getLocale()}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body>
<main>
<h1>${m.error_title({ status: '503' })}</h1>
<p>${message}</p>
<p><a href="${routes.home()}">${m.error_back_home()}</a></p>
</main>
</body>
</html>
`;
	return new Response(html, {
		status: 503,
		headers: {
			...headers,
			'content-type': 'text/html; charset=utf-8',
			// No script, style or frame: the page needs none.
			'content-security-policy': "default-src 'none'; frame-ancestors 'none'"
		}
	});
}
