/** The main pages whose JavaScript `bench:js` measures and tests/e2e/js-budget.spec.ts holds to budget. */
export const mainPages = [
	'/',
	'/overview',
	'/compare',
	'/compare/heatmap',
	'/compare/trend?field=service-center-d115&kpi=D115-ELQ',
	'/cities/koeln/service-center-d115',
	'/cities/koeln/archivierung/entry'
];

/** What `chartsDrawn` needs of a Playwright page (kept structural so both callers can pass theirs). */
interface ChartPage {
	waitForFunction(
		fn: () => boolean,
		arg?: undefined,
		options?: { timeout?: number }
	): Promise<unknown>;
	waitForLoadState(state: 'networkidle'): Promise<void>;
}

/**
 * Waits until every chart canvas on the page has been drawn by chart.js. "networkidle" alone
 * can fire before the chart attachment imports chart.js after hydration, so a count taken then
 * misses chart.js (and a response arriving after the count was read a closed page).
 * chart.js gives each canvas it draws on an inline `box-sizing: border-box`.
 */
export async function chartsDrawn(page: ChartPage) {
	await page.waitForFunction(
		() => [...document.querySelectorAll('canvas')].every((c) => c.style.boxSizing === 'border-box'),
		undefined,
		{ timeout: 30_000 }
	);
	await page.waitForLoadState('networkidle');
}
