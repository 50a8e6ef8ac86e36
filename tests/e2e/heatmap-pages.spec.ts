import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';
import { expectNoSidewaysScroll } from './layout';

/**
 * The heatmap after decision 0039 (pages of municipalities, compact cells) on the 13-city demo
 * ring: still one table with every value a named link, the status told by word and icon, and the
 * peer-group filter. The byte budget at 396 municipalities: tests/integration/heatmap-scale.test.ts.
 */

const shots = async (page: Page, name: string) => {
	await page.setViewportSize({ width: 1366, height: 900 });
	await lookShot(page, `${name}-1366`);
	await page.setViewportSize({ width: 390, height: 844 });
	await lookShot(page, `${name}-390`);
	// Nothing may widen the page beyond the screen: the grid scrolls inside its region.
	await expectNoSidewaysScroll(page);
	await page.setViewportSize({ width: 1366, height: 900 });
};

test('the ring of 13 is one table, every value a named link, status in word and icon', async ({
	page
}) => {
	// axe over a table of 13 × 6 links and four screenshots on two shared cores.
	test.slow();
	await loginAs(page, demo.leadershipKoeln);
	await page.goto('/compare/heatmap?field=service-center-d115');
	const grid = page.getByRole('table', { name: 'Städte × Kennzahlen, Q3/2026' });
	await expect(grid.getByRole('rowheader')).toHaveCount(14); // 13 cities and the median
	// A ring that fits one page has no list of pages.
	await expect(page.getByRole('navigation', { name: 'Seiten der Heatmap' })).toHaveCount(0);
	const essen = grid.getByRole('row', { name: /^Essen/ });
	const links = essen.getByRole('link', { name: /Verlauf und Kommentare: Essen, / });
	const columns = await grid.locator('thead th').count();
	await expect(links).toHaveCount(columns - 1);
	// The status is a word in every cell, with an icon drawn beside it (not the tint alone).
	const status = essen.locator('.status').first();
	await expect(status).toHaveText(/^(Im Ziel|Knapp verfehlt|Ziel verfehlt|Keine Daten|Ohne Ziel)$/);
	const icon = await status.evaluate((el) => getComputedStyle(el, '::before').backgroundImage);
	expect(icon).toContain('data:image/svg+xml');
	// Reached by keyboard: the focused cell link is the one named.
	await links.first().focus();
	await expect(links.first()).toBeFocused();
	await expectAccessible(page);
	await shots(page, 'heatmap-ring');
});

test('a peer group narrows the rows and the median to its members', async ({ page }) => {
	test.slow();
	await loginAs(page, demo.leadershipKoeln);
	await page.goto('/compare/heatmap?field=service-center-d115');
	await page.getByLabel('Vergleichsgruppe').selectOption({ label: 'Regierungsbezirk Köln' });
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/group=regierungsbezirk-koeln/);
	await expect(page.getByText(/Vergleichsgruppe Regierungsbezirk Köln/)).toBeVisible();
	const grid = page.getByRole('table', { name: /Städte × Kennzahlen/ });
	await expect(grid.locator('tbody th')).toHaveText(['Aachen', /Köln/]);
	await expect(grid.getByRole('rowheader', { name: 'Median der Gruppe' })).toBeVisible();
	await expectAccessible(page);
	await shots(page, 'heatmap-group');
});
