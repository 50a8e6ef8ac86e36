import { expect, test, type Response as PageResponse } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { demo, loginAs } from './login';
import { chartsDrawn, mainPages } from '../../scripts/bench/main-pages';

/**
 * The JavaScript budget of issue 8: no main page ships more than 120 KB gzip, chart.js loaded
 * after hydration included. Counted like `npm run bench:js` (gzip level 9 of every script the
 * page loads), so a dependency or a build setting that bloats a page fails here, not in the field.
 */
const BUDGET_KB = 120;

test('every main page ships at most 120 KB of JavaScript (gzip)', async ({ page }) => {
	test.setTimeout(90_000);
	await loginAs(page, demo.leadershipKoeln);
	const shipped: { path: string; kb: number }[] = [];
	for (const path of mainPages) {
		// The scripts' addresses, their bytes fetched again afterwards: the browser does not keep
		// every response's body (Playwright's response.body() failed now and then with "response
		// body is unavailable"); the server sends the same immutable files to both.
		const scripts = new Set<string>();
		const onResponse = (response: PageResponse) => {
			if (response.request().resourceType() === 'script') scripts.add(response.url());
		};
		// A fresh cache per page, as a first visit receives it.
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Network.clearBrowserCache');
		page.on('response', onResponse);
		await page.goto(path, { waitUntil: 'networkidle' });
		await chartsDrawn(page);
		page.off('response', onResponse);
		const sizes = await Promise.all(
			[...scripts].map(async (url) => {
				const body = await (await page.request.get(url)).body();
				return gzipSync(body, { level: 9 }).length;
			})
		);
		const kb = sizes.reduce((a, b) => a + b, 0) / 1024;
		shipped.push({ path, kb });
		expect(kb, `${path} loads scripts`).toBeGreaterThan(20);
	}
	const report = shipped.map(({ path, kb }) => `${path}: ${kb.toFixed(1)} KB`).join('\n');
	expect(
		shipped.filter(({ kb }) => kb > BUDGET_KB).map(({ path }) => path),
		report
	).toEqual([]);
});
