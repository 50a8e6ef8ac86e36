import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShotAtWidth } from './shots';

/**
 * Issue 17 on a phone (390 × 844): the overview, the entry grid and the completeness matrix never
 * scroll the whole page sideways, header and demo banner take at most a quarter of the first
 * screen (211 of 844 px), and every entry of the main navigation can be reached. At 1366 px the
 * navigation stays one visible row as before. Read-only: nothing is saved.
 */
test.describe.configure({ timeout: 120_000 });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 844 };

const NAV = {
	leadership: {
		de: [
			'Start',
			'Übersicht',
			'Städte',
			'Kooperationsfelder',
			'Vergleich',
			'Protokoll',
			'Mein Konto'
		],
		en: ['Home', 'Overview', 'Cities', 'Cooperation fields', 'Compare', 'Audit log', 'My account']
	},
	controller: {
		de: ['Start', 'Übersicht', 'Städte', 'Kooperationsfelder', 'Vergleich', 'Mein Konto']
	},
	observer: {
		de: [
			'Start',
			'Übersicht',
			'Städte',
			'Kooperationsfelder',
			'Vergleich',
			'Vollständigkeit',
			'Mein Konto'
		],
		en: [
			'Home',
			'Overview',
			'Cities',
			'Cooperation fields',
			'Compare',
			'Completeness',
			'My account'
		]
	}
};

const shot = (page: Page, name: string) => lookShotAtWidth(page, `small-${name}`);

/** Everything the phone layout promises, on the page as it is now. */
async function expectPhoneLayout(page: Page, navNames: string[], label: string, axe = true) {
	// The whole page never scrolls sideways.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// Header and demo banner together: at most a quarter of the first screen.
	const header = (await page.getByRole('banner').boundingBox())!;
	const banner = (await page.locator('.demo-banner').boundingBox())!;
	expect(Math.max(header.y + header.height, banner.y + banner.height)).toBeLessThanOrEqual(211);

	// Every entry of the main navigation can be reached: opened by keyboard where it sits behind
	// a menu, then each link inside the screen and not hidden behind another box or a scroll edge.
	const nav = page.getByRole('navigation', { name: label });
	const menu = nav.locator('summary');
	if (await menu.isVisible()) {
		await menu.focus();
		await page.keyboard.press('Enter');
		await expect(nav.locator('details')).toHaveAttribute('open', '');
	}
	await expect(nav.getByRole('link')).toHaveText(navNames);
	for (const name of navNames) {
		const link = nav.getByRole('link', { name, exact: true });
		await expect(link).toBeVisible();
		const box = (await link.boundingBox())!;
		expect(box.x, name).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width, name).toBeLessThanOrEqual(390);
		const onTop = await link.evaluate((a) => {
			const r = a.getBoundingClientRect();
			const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
			return !!hit && (hit === a || a.contains(hit));
		});
		expect(onTop, `${name} is not covered or scrolled away`).toBe(true);
	}
	// axe runs as a script in the page: not where JavaScript is off.
	if (axe) await expectAccessible(page);
	// Closed again, so the screenshot shows the first screen as a person finds it.
	if (await menu.isVisible()) await menu.click();

	// A table wider than the phone scrolls in its own region and keeps its first column (what
	// the row is about) in view, taking at most half the region; its caption is not cut off.
	const tables = await page.locator('main .table-scroll').evaluateAll((regions) =>
		regions.map((region) => {
			const box = region.getBoundingClientRect();
			const caption = region.querySelector('caption:not(.visually-hidden)');
			const range = document.createRange();
			if (caption) range.selectNodeContents(caption);
			const captionRight = caption ? range.getBoundingClientRect().right : box.left;
			const wide = region.scrollWidth > region.clientWidth + 1;
			region.scrollLeft = region.scrollWidth;
			const first = region.querySelector('tbody tr > :first-child')?.getBoundingClientRect();
			const result = {
				name: region.getAttribute('aria-label') ?? region.className,
				captionFits: captionRight <= box.right + 1,
				firstInView:
					!wide || !first || (first.left >= box.left - 1 && first.right <= box.right + 1),
				firstNarrow: !wide || !first || first.width <= region.clientWidth / 2 + 1
			};
			region.scrollLeft = 0;
			return result;
		})
	);
	for (const table of tables) {
		expect(table, table.name).toEqual({
			name: table.name,
			captionFits: true,
			firstInView: true,
			firstNarrow: true
		});
	}
}

/** At 1366 px the navigation is one visible row, no menu button, the header as before. */
async function expectDesktopLayout(page: Page, navNames: string[], label: string) {
	const nav = page.getByRole('navigation', { name: label });
	await expect(nav.locator('summary')).toBeHidden();
	const boxes = [];
	for (const name of navNames) {
		const link = nav.getByRole('link', { name, exact: true });
		await expect(link).toBeVisible();
		boxes.push((await link.boundingBox())!);
	}
	expect(new Set(boxes.map((b) => Math.round(b.y))).size, 'one row').toBe(1);
	const header = (await page.getByRole('banner').boundingBox())!;
	expect(header.height).toBeLessThanOrEqual(110);
	await expectAccessible(page);
}

async function both(page: Page, path: string, name: string, navNames: string[], label: string) {
	await page.setViewportSize(DESKTOP);
	await page.goto(path);
	await expectDesktopLayout(page, navNames, label);
	await shot(page, name);
	await page.setViewportSize(PHONE);
	await page.goto(path);
	await expectPhoneLayout(page, navNames, label);
	await shot(page, name);
}

test('the city overview on a phone: the leadership of Köln, in German and English', async ({
	page
}) => {
	await loginAs(page, demo.leadershipKoeln);
	await both(page, '/overview', 'overview-de', NAV.leadership.de, 'Hauptnavigation');
	await both(page, '/en/overview', 'overview-en', NAV.leadership.en, 'Main navigation');
});

test('the entry grid on a phone: the controller of Köln', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	// Archivierung Q3/2026 still has draft values in the demo: the grid can be typed into.
	await both(
		page,
		'/cities/koeln/archivierung/entry',
		'entry-de',
		NAV.controller.de,
		'Hauptnavigation'
	);
	await expect(page.getByRole('button', { name: 'Als Entwurf speichern' })).toBeVisible();
	// Each KPI a card: its value and comment fields lie inside the screen without any sideways
	// scrolling, and every field keeps its name.
	const rows = page.locator('.entry-grid tbody tr');
	expect(await rows.count()).toBeGreaterThan(0);
	for (const row of await rows.all()) {
		const name = (await row.locator('th label').textContent())!;
		for (const field of [
			row.getByRole('textbox', { name, exact: true }),
			row.getByRole('textbox', { name: /^Kommentar zu / })
		]) {
			const box = (await field.boundingBox())!;
			expect(box.x, name).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width, name).toBeLessThanOrEqual(390);
		}
	}
	await page.goto('/en/cities/koeln/archivierung/entry');
	await shot(page, 'entry-en');
});

// Two tests, not one: the matrix in both languages at both widths with axe took a minute on the
// loaded CI machine, the per-test limit.
test('the completeness matrix on a phone: the Städtetag', async ({ page }) => {
	await loginAs(page, demo.observer);
	await both(page, '/completeness', 'completeness-de', NAV.observer.de, 'Hauptnavigation');
	await both(page, '/en/completeness', 'completeness-en', NAV.observer.en, 'Main navigation');
});

test('the ring overview on a phone: the Städtetag', async ({ page }) => {
	await loginAs(page, demo.observer);
	await both(page, '/overview', 'ring-overview-de', NAV.observer.de, 'Hauptnavigation');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the phone menu opens and every entry can be followed', async ({ page }) => {
		await loginAs(page, demo.observer);
		await page.setViewportSize(PHONE);
		await page.goto('/completeness');
		await expectPhoneLayout(page, NAV.observer.de, 'Hauptnavigation', false);
		const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
		if (await nav.locator('summary').isVisible()) await nav.locator('summary').click();
		await nav.getByRole('link', { name: 'Vergleich', exact: true }).click();
		await expect(page).toHaveURL(/\/compare/);
	});
});
