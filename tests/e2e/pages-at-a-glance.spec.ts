import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * What pilot pages, the strategy map and the completeness matrix show at a glance (issue 17),
 * on the untouched demo data, at the desktop width and on a phone.
 */
test.describe.configure({ timeout: 120_000 });

const widths = [1366, 390] as const;

async function shot(page: Page, name: string, width: number) {
	await lookShot(page, `glance-${name}-${width}`);
}

test('the Beihilfe pilot compares actual and planned NPV over the same years', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/fields/beihilfe/pilots');
	await page.getByRole('link', { name: 'Gemeinsame Beihilfebearbeitung' }).click();
	const economics = page.getByRole('table').filter({ hasText: 'Kapitalwert' }).first();
	// Each scenario names its years: the plan runs 2025–2028, actual figures exist for 2025–2026.
	await expect(economics.getByRole('columnheader')).toHaveText(['Plan 2025–2028', 'Ist 2025–2026']);
	// Over 2025–2026 at 3 %, base year 2025 (demo lines):
	//   plan −250.000 − 60.000 + (−120.000 + 210.000) / 1,03 = −222.621,36 €
	//   actual −280.000 − 55.000 + (−125.000 + 180.000) / 1,03 = −281.601,94 €
	const same = economics.getByRole('row', { name: /Kapitalwert 2025–2026 \(gleiche Jahre\)/ });
	await expect(same.getByRole('cell')).toHaveText([/^-222\.621,36\s€$/, /^-281\.601,94\s€$/]);
	// A reader without write rights gets the overview only.
	await expect(page.getByRole('heading', { level: 2, name: 'Überblick' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Bearbeiten' })).toHaveCount(0);
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
		await shot(page, 'pilot-reader', width);
	}
});

test('the field lead finds the pilot overview first and the editing forms apart below it', async ({
	page
}) => {
	await loginAs(page, demo.fieldLeadD115);
	await page.goto('/fields/service-center-d115/pilots');
	await page.getByRole('link', { name: 'Gemeinsames D115-Servicecenter' }).click();
	const overview = page.getByRole('region', { name: 'Überblick' });
	const editing = page.getByRole('region', { name: 'Bearbeiten' });
	await expect(overview).toBeVisible();
	await expect(editing).toBeVisible();
	// Nothing to fill in or submit in the overview; every form is in the editing section.
	await expect(overview.locator('form, input, select, textarea, button')).toHaveCount(0);
	// Every form posts from the editing section, or from the experience exchange below it.
	const outside = await page
		.locator('main form')
		.evaluateAll(
			(forms) =>
				forms.filter(
					(f) =>
						!f.closest('[aria-labelledby="editing-title"], #exchange') &&
						f.getAttribute('method')?.toUpperCase() === 'POST'
				).length
		);
	expect(outside).toBe(0);
	await expect(editing.locator('form[method="POST"]')).not.toHaveCount(0);
	const overviewBox = (await overview.boundingBox())!;
	const editingBox = (await editing.boundingBox())!;
	expect(editingBox.y).toBeGreaterThanOrEqual(overviewBox.y + overviewBox.height);
	// The service level is a percentage: its expected change is in percentage points.
	await expect(overview.getByRole('listitem').filter({ hasText: 'D115-SL30' })).toHaveText(
		'D115-SL30: erwartete Veränderung +10,0 Pp. (Servicelevel 75/30)'
	);
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
		await shot(page, 'pilot-lead', width);
	}

	// The review table on the pilot list: the service level before and after in %, its change
	// in percentage points.
	await page.goto('/fields/service-center-d115/pilots');
	const row = page.getByTestId('kpi-effects').getByRole('row', { name: /D115-SL30/ });
	await expect(row.getByRole('cell').nth(1)).toHaveText('+10,0 Pp.');
	for (const cell of await row.getByRole('cell').all()) {
		await expect(cell).not.toHaveText(/\d %\)/);
	}
	await expect(row).toContainText(/\d+,\d\s% → \d+,\d\s% \([+-]?\d+,\d Pp\., \d+ Städte\)/);
	await expectAccessible(page);
});

test('the demo strategy map shows cause-and-effect arrows up the perspectives', async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/cities/koeln/beihilfe/map');
	const map = page.getByRole('img', { name: /^Strategiekarte Köln: Beihilfe\./ });
	await expect(map.locator('path.arrow')).toHaveCount(5);
	// The list beside the map names the same links in words.
	const list = page.locator('#strategy-map-list');
	await expect(list).toContainText('Beihilferecht-Know-how sichern');
	await expect(list).toContainText('Rechtssichere Festsetzung gewährleisten');
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await expectAccessible(page);
		await shot(page, 'strategy-map', width);
	}
});

test('the completeness matrix breaks its column headers between words, never inside one', async ({
	page
}) => {
	await loginAs(page, demo.observer);
	for (const width of widths) {
		await page.setViewportSize({ width, height: 900 });
		await page.goto('/completeness?q=2026-3');
		const broken = await page.locator('table.heatmap thead').evaluate((thead) => {
			const found: string[] = [];
			const walker = document.createTreeWalker(thead, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				// A word ends at a space, or after a hyphen or slash, where a line may break.
				for (const match of text.matchAll(/[^\s/-]+[/-]?/g)) {
					const range = document.createRange();
					range.setStart(node, match.index);
					range.setEnd(node, match.index + match[0].length);
					const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
					if (lines.size > 1) found.push(match[0]);
				}
			}
			return found;
		});
		expect(broken, `width ${width}`).toEqual([]);
		await shot(page, 'completeness', width);
	}
});
