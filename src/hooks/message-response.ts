import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { routes } from '$lib/routes';
import { isApiPath } from './api-path';

/**
 * An answer given by a hook, before any page can be rendered: JSON for API clients and anyone
 * asking for data, otherwise a small static page in the request's language (SvelteKit's
 * built-in fallback page would be English and unstyled). Only our own message texts go in.
 */
export function messageResponse(
	url: URL,
	accept: string | null,
	answer: { status: number; message: string; code: string; headers?: Record<string, string> }
): Response {
	const { status, message, code } = answer;
	const headers = { 'cache-control': 'no-store', ...answer.headers };
	// As SvelteKit decides for its own error answers: a page unless the client asks for data.
	const wantsHtml = !isApiPath(url) && (accept ?? 'text/html').includes('text/html');
	if (!wantsHtml) return Response.json({ message, code }, { status, headers });
	const heading = m.error_title({ status: String(status) });
	const html = `<!doctype html>
<html lang="${getLocale()}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${heading} · ${m.app_name()}</title></head>
<body>
<main>
<h1>${heading}</h1>
<p>${message}</p>
<p><a href="${routes.home()}">${m.error_back_home()}</a></p>
</main>
</body>
</html>
`;
	return new Response(html, {
		status,
		headers: {
			...headers,
			'content-type': 'text/html; charset=utf-8',
			// No script, style or frame: the page needs none.
			'content-security-policy': "default-src 'none'; frame-ancestors 'none'"
		}
	});
}
