import { expect, test, request as playwrightRequest } from '@playwright/test';
import { DEMO_PASSWORD, demo, loginAs } from './login';

/*
 * Issue 14.13: what a logged-in person saw must not stay in the browser's cache, where Back
 * after logout (or the next person at a shared office computer) would show it again.
 */

const SCORECARD = '/cities/koeln/archivierung';

test('after logging out, Back shows the login page, not the city’s drafts', async ({ page }) => {
	// A session of its own: the test ends it.
	await loginAs(page, demo.controllerKoeln, { viaForm: true });
	await page.goto(SCORECARD);
	await expect(page.locator('.kpi-table').getByText('(Entwurf)').first()).toBeVisible();
	await page.goto('/account');
	const sessions = page.getByRole('heading', { name: 'Angemeldete Sitzungen' });
	await expect(sessions).toBeVisible();

	// Ends this browser's session only: other tests use the same demo account at the same time,
	// and the logout in the page header ends all of the account's sessions.
	await page
		.locator('table.account-sessions tr', { hasText: 'Diese Sitzung' })
		.getByRole('button', { name: 'Abmelden' })
		.click();
	await expect(page).toHaveURL(/\/login$/);

	// The browser asks the server again, which sends it to the login.
	await page.goBack();
	await expect(sessions).toHaveCount(0);
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);

	await page.goBack();
	await expect(page.getByText('(Entwurf)')).toHaveCount(0);
	await expect(page.getByText(/Angemeldet als/)).toHaveCount(0);
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcities%2Fkoeln%2Farchivierung$/);
});

test('every answer to a logged-in request forbids caching; public answers to anonymous visitors do not need to', async ({
	baseURL
}) => {
	const context = await playwrightRequest.newContext({ baseURL });
	const anonymous = await context.get('/login');
	expect(anonymous.headers()['cache-control'] ?? '').not.toContain('private');

	const login = await context.post('/login?/login', {
		form: { email: demo.controllerKoeln, password: DEMO_PASSWORD, redirectTo: '/' },
		headers: { origin: baseURL!, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);

	const answers: [string, number][] = [
		[SCORECARD, 200], // HTML page with drafts
		[`${SCORECARD}/__data.json`, 200], // the same data on client-side navigation
		[`${SCORECARD}/entry`, 200],
		[`${SCORECARD}/export`, 200], // a download
		['/compare/export?field=service-center-d115&kpi=D115-ELQ&period=2026-Q2&format=csv', 200],
		['/account', 200],
		['/account/tokens', 200],
		['/admin/users', 403], // the error page still shows who is logged in
		['/login', 303], // a logged-in visitor is sent on
		['/no-such-page', 404]
	];
	for (const [path, status] of answers) {
		const response = await context.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(status);
		const directives = (response.headers()['cache-control'] ?? '').split(/\s*,\s*/);
		expect(directives, path).toContain('private');
		expect(directives, path).toContain('no-store');
	}
	await context.dispose();
});
