import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShotAtWidth } from './shots';
import { expectNoSidewaysScroll } from './layout';

/**
 * Issue 17, the entry grid at the two widths people use: on a 1366 px laptop every column, "Stand"
 * the last, is in view without scrolling the grid sideways; on a 390 px phone, where the rows are
 * cards, the grid is still a table to assistive technology. Read-only: nothing is saved.
 */
test.describe.configure({ timeout: 120_000 });

// Köln's fields with the most and the longest KPI names and targets in the demo.
const FIELDS = ['archivierung', 'beihilfe', 'service-center-d115'];
const GRID = 'Kennzahlenwerte des Quartals';
const COLUMNS = [
	'Kennzahl',
	'Ziel',
	'Vorquartal',
	'Vorjahresquartal',
	'Wert',
	'Status',
	'Kommentar',
	'Stand'
];

const shot = (page: Page, name: string) => lookShotAtWidth(page, `entry-grid-${name}`);

/** The table shows every column, the last one named, without scrolling its region sideways. */
async function expectFitsItsRegion(region: Locator, lastColumn: string, what: string) {
	const widths = await region.evaluate((r) => ({ scroll: r.scrollWidth, client: r.clientWidth }));
	expect(widths.scroll, `${what}: the table scrolls sideways`).toBeLessThanOrEqual(widths.client);
	const last = (await region.getByRole('columnheader', { name: lastColumn }).boundingBox())!;
	const box = (await region.boundingBox())!;
	const right = Math.min(region.page().viewportSize()!.width, box.x + box.width);
	expect(last.x + last.width, `${what}: "${lastColumn}" in view`).toBeLessThanOrEqual(right);
}

test('at 1366 px every column of the entry grid is in view, "Stand" included', async ({ page }) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await loginAs(page, demo.controllerKoeln);
	for (const field of FIELDS) {
		await page.goto(`/cities/koeln/${field}/entry`);
		const region = page.getByRole('region', { name: GRID });
		const table = region.getByRole('table', { name: GRID });
		await expect(table.getByRole('columnheader')).toHaveText(COLUMNS);
		await expectFitsItsRegion(region, 'Stand', field);
		// The whole page does not scroll sideways either.
		await expectNoSidewaysScroll(page);
		await shot(page, field);
	}
	await expectAccessible(page);
});

test('at 390 px the entry grid, shown as cards, keeps its table, rows, headers and cells', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await loginAs(page, demo.controllerKoeln);
	for (const field of FIELDS) {
		await page.goto(`/cities/koeln/${field}/entry`);
		const table = page.getByRole('table', { name: GRID });
		await expect(table).toBeVisible();
		const kpis = await table.locator('tbody > tr').count();
		expect(kpis).toBeGreaterThan(0);
		// The accessibility tree: a header row and one row per KPI; per KPI its name as row header
		// and seven cells; eight column headers.
		await expect(table.getByRole('row')).toHaveCount(kpis + 1);
		await expect(table.getByRole('columnheader')).toHaveText(COLUMNS);
		await expect(table.getByRole('rowheader')).toHaveCount(kpis);
		await expect(table.getByRole('cell')).toHaveCount(kpis * 7);
		// WebKit (Safari, VoiceOver) drops a table part's role once CSS changes its display; only an
		// explicit role survives there. Every part shown as something other than its table display
		// names its role.
		const missing = await table.evaluate((t) => {
			const tableDisplay: Record<string, string> = {
				TABLE: 'table',
				THEAD: 'table-header-group',
				TBODY: 'table-row-group',
				TR: 'table-row',
				TH: 'table-cell',
				TD: 'table-cell'
			};
			return [t, ...t.querySelectorAll('thead, tbody, tr, th, td')]
				.filter((el) => getComputedStyle(el).display !== tableDisplay[el.tagName])
				.filter((el) => !el.getAttribute('role'))
				.map((el) => el.tagName);
		});
		expect(missing, field).toEqual([]);
		await shot(page, field);
	}
	await expectAccessible(page);
});

test("at 1366 px the overview's status matrix shows every perspective without scrolling", async ({
	page
}) => {
	await page.setViewportSize({ width: 1366, height: 768 });
	await loginAs(page, demo.leadershipKoeln);
	for (const [path, name, last] of [
		['/overview', 'Köln: Verdichtung je Kooperationsfeld und Perspektive', 'Mitarbeitende'],
		[
			'/en/overview',
			'Köln: roll-up per cooperation field and perspective',
			'Staff, learning and growth'
		]
	] as const) {
		await page.goto(path);
		const region = page.getByRole('region', { name });
		await expectFitsItsRegion(region, last, path);
		await shot(page, `overview${path.replaceAll('/', '-')}`);
	}
});
