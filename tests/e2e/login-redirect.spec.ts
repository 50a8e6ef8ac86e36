import { expect, test, request as playwrightRequest, type Page } from '@playwright/test';
import { DEMO_PASSWORD, demo, loginAs } from './login';

/*
 * Issue 14.10: the page a person returns to after login comes from the URL, so a link such as
 * /login?redirectTo=… could send them, freshly logged in, to a look-alike site. Whatever the
 * value, the browser must end up on this site.
 */

/** Values as they appear in the query string of a phishing link. */
const hostile = [
	'%2F%09%2Fevil.example', // tab, stripped by the browser: //evil.example
	'%2F%0A%2Fevil.example', // newline
	'%2F%0D%0A%2Fevil.example', // CR/LF
	'%2F%5Cevil.example', // /\evil.example
	'%5C%5Cevil.example',
	'%2F%2Fevil.example',
	'https%3A%2F%2Fevil.example%2F',
	'https%3Aevil.example',
	'javascript%3Aalert(1)',
	'%252F%252Fevil.example' // double-encoded
];

/**
 * Records every request the page makes to the look-alike host (`.example` never resolves, so
 * such a navigation ends in a network error, and Playwright's routing does not see redirects).
 */
function watchEvilSite(page: Page): string[] {
	const visited: string[] = [];
	page.on('request', (request) => {
		if (new URL(request.url()).hostname.endsWith('evil.example')) visited.push(request.url());
	});
	return visited;
}

test('logging in from a link with a hostile redirectTo lands on this site', async ({
	page,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const visited = watchEvilSite(page);
	await page.goto(`/login?redirectTo=${hostile[0]}`);
	await page.getByLabel('E-Mail-Adresse').fill(demo.observer);
	await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	// (Chromium's CSP form-action 'self' blocks a form's redirect to another site: the person
	// would be stuck on the login page, logged in, without knowing it.)
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();
	expect(new URL(page.url()).origin).toBe(origin);
	expect(visited).toEqual([]);
});

test('a logged-in person following a hostile login link stays on this site', async ({
	page,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const visited = watchEvilSite(page);
	await loginAs(page, demo.observer);
	// Logged in, the login page forwards at once, and no CSP guards a plain link.
	for (const value of hostile) {
		const response = await page.goto(`/login?redirectTo=${value}`);
		expect(response?.status(), value).toBeLessThan(400);
		expect(new URL(page.url()).origin, value).toBe(origin);
		await expect(page.getByText(/Angemeldet als/), value).toBeVisible();
	}
	expect(visited).toEqual([]);
});

test('a redirectTo with CR/LF is answered with a redirect home, not a server error', async ({
	baseURL
}) => {
	const context = await playwrightRequest.newContext({ baseURL });
	const login = await context.post('/login?/login', {
		form: { email: demo.observer, password: DEMO_PASSWORD, redirectTo: '/\r\nSet-Cookie: x=1' },
		// A browser form post: HTML accepted, same origin (SvelteKit's CSRF check).
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	expect(login.headers()['location']).toBe('/');

	const again = await context.get('/login?redirectTo=%2F%0D%0ASet-Cookie%3A%20x%3D1', {
		maxRedirects: 0
	});
	expect(again.status()).toBe(303);
	expect(again.headers()['location']).toBe('/');
	await context.dispose();
});
