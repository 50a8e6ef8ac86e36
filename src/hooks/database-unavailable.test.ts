import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { handleDatabaseUnavailable, handleError } from './database-unavailable';
import { handleSecurityHeaders } from './security-headers';

/** What postgres.js throws while the server is down, wrapped the way Drizzle wraps it. */
const refused = () =>
	new Error('Failed query', {
		cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })
	});

function eventFor(path: string, accept: string) {
	const url = new URL(`http://127.0.0.1${path}`);
	return {
		url,
		route: { id: path },
		request: new Request(url, { headers: { accept } }),
		locals: {}
	} as unknown as RequestEvent;
}

type Resolve = (event: RequestEvent, opts?: ResolveOptions) => Promise<Response>;

/** The hooks in the order of hooks.server.ts: security headers around the database check. */
function handle(event: RequestEvent, resolve: Resolve) {
	return handleSecurityHeaders({
		event,
		resolve: (e) => handleDatabaseUnavailable({ event: e, resolve })
	});
}

describe('requests while the database is down', () => {
	// The hooks log each failure; the expected ones would only clutter the test output.
	beforeEach(() => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		return () => vi.restoreAllMocks();
	});

	it('a page request gets 503, Retry-After and a German page with the security headers', async () => {
		const response = await handle(eventFor('/cities', 'text/html,*/*'), () => {
			throw refused();
		});
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('5');
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
		const html = await response.text();
		expect(html).toContain('<html lang="de">');
		expect(html).toContain('Die Datenbank ist gerade nicht erreichbar');
		expect(html).toContain('<a href="/">Zur Startseite</a>');
	});

	it('a request without Accept header gets the page too (like SvelteKit decides)', async () => {
		const event = eventFor('/compare', 'text/html');
		event.request.headers.delete('accept');
		const response = await handle(event, () => {
			throw refused();
		});
		expect(response.headers.get('content-type')).toContain('text/html');
	});

	it('an API client gets the same message as problem details', async () => {
		const response = await handle(eventFor('/api/v1/fields', 'text/html'), () => {
			throw refused();
		});
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('5');
		expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		expect(await response.json()).toEqual({
			type: '/api/v1/problems/database_unavailable',
			title: 'Datenbank nicht erreichbar',
			status: 503,
			detail: expect.stringContaining('Die Datenbank ist gerade nicht erreichbar'),
			code: 'database_unavailable'
		});
	});

	it('a load that failed for want of the database turns its 500 page into a 503', async () => {
		const event = eventFor('/compare', 'text/html');
		const response = await handle(event, async () => {
			// SvelteKit calls handleError for the failed load, then renders the error page.
			handleError({ error: refused(), event, status: 500, message: 'Internal Error' });
			return new Response('<p>Fehler</p>', { status: 500 });
		});
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('5');
		expect(await response.text()).toBe('<p>Fehler</p>');
	});

	it('other errors are not disguised as an outage', async () => {
		const bug = new TypeError('undefined is not a function');
		await expect(
			handle(eventFor('/cities', 'text/html'), () => {
				throw bug;
			})
		).rejects.toBe(bug);
		const event = eventFor('/compare', 'text/html');
		const response = await handle(event, async () => {
			handleError({ error: bug, event, status: 500, message: 'Internal Error' });
			return new Response('x', { status: 500 });
		});
		expect(response.status).toBe(500);
	});
});
