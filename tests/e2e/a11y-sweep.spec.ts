import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { DEMO_PASSWORD, demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * axe over every page route and key state, in German and English, each as a role that may see
 * it. Read-only: forms are submitted only where the server refuses them before writing anything.
 * One logged-in page per role keeps it fast.
 */

const locales = ['', '/en'] as const;

/** The same path in English (German has no prefix). */
const inLocale = (prefix: string, path: string) =>
	prefix && path === '/' ? prefix : `${prefix}${path}`;

async function sweep(page: Page, paths: string[], prefixes: readonly string[] = locales) {
	for (const prefix of prefixes) {
		for (const path of paths) {
			const url = inLocale(prefix, path);
			const response = await page.goto(url);
			expect(response?.status(), url).toBe(200);
			await test.step(url, () => expectAccessible(page));
		}
	}
}

/** The href of the first link matching `pattern` on `from` (ids that only the data knows). */
async function firstLink(page: Page, from: string, pattern: string) {
	await page.goto(from);
	const href = await page
		.locator(`main a[href*="${pattern}"]:not([href$="/new"])`)
		.first()
		.getAttribute('href');
	expect(href, `a link containing ${pattern} on ${from}`).toBeTruthy();
	return href!;
}

/** Page routes this sweep visits (route ids as in src/routes). */
const swept = [
	'/account',
	'/account/2fa',
	'/account/tokens',
	'/barrierefreiheit',
	'/cities',
	'/cities/[city]',
	'/cities/[city]/[field]',
	'/cities/[city]/[field]/edit',
	'/cities/[city]/[field]/edit/kpis/[scorecardKpiId]',
	'/cities/[city]/[field]/edit/objectives/[objectiveId]',
	'/cities/[city]/[field]/entry',
	'/cities/[city]/[field]/import',
	'/cities/[city]/[field]/map',
	'/compare',
	'/compare/heatmap',
	'/compare/trend',
	'/completeness',
	'/fields',
	'/fields/[field]',
	'/fields/[field]/catalogue',
	'/fields/[field]/catalogue/[code]',
	'/fields/[field]/catalogue/new',
	'/fields/[field]/periods',
	'/fields/[field]/pilots',
	'/fields/[field]/pilots/new',
	'/fields/[field]/template',
	'/fields/[field]/template/objectives/[objectiveId]',
	'/login',
	'/overview',
	'/set-password/[token]'
];
/**
 * Pages reachable only after a write (an admin's 2FA enrolment, a user's TOTP, a new pilot): axe
 * runs on them in admin/twofa/pilots/exchange.stateful.spec.ts; see docs/accessibility.md.
 */
const sweptElsewhere = [
	// The same pages in the same state, de and en, as the role the sweep would use (city
	// leadership): the tasks page in tasks.spec.ts, the audit log in admin.spec.ts.
	'/',
	'/audit',
	'/admin/directory',
	'/admin/directory/populations',
	'/admin/peer-groups',
	'/admin/peer-groups/[slug]',
	'/admin/users',
	'/admin/users/[id]',
	// Needs submitted values: axe on the review, its confirmation and the returned grid (de, en)
	// in the review walk of entry.stateful.spec.ts.
	'/cities/[city]/[field]/review',
	'/fields/[field]/pilots/[id]',
	'/fields/[field]/pilots/[id]/edit',
	'/login/2fa'
];

function pageRoutes(dir: string, id = ''): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.isDirectory()) return pageRoutes(join(dir, entry.name), `${id}/${entry.name}`);
		return entry.name === '+page.svelte' ? [id || '/'] : [];
	});
}

// Each test sweeps many pages in two languages, with axe on each: minutes on a busy CI machine.
test.describe.configure({ timeout: 120_000 });

test('every page route is in the sweep or named as covered elsewhere', () => {
	// A new page must be added above, so it cannot escape the accessibility check unnoticed.
	expect(pageRoutes(join(process.cwd(), 'src', 'routes')).sort()).toEqual(
		[...swept, ...sweptElsewhere].sort()
	);
});

test('anonymous: login (also refused empty), statement, 404 and an unknown password link', async ({
	page,
	request
}) => {
	// Anyone may read the accessibility statement: no redirect to the login page.
	for (const path of ['/barrierefreiheit', '/en/barrierefreiheit']) {
		const response = await request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(200);
	}
	// An unknown set-password link shows its explanation, not a form.
	await sweep(page, ['/login', '/barrierefreiheit', '/set-password/unbekannt']);
	for (const prefix of locales) {
		await page.goto(inLocale(prefix, '/barrierefreiheit'));
		await lookShot(page, `a11y-statement${prefix || '-de'}`);
	}
	await page.goto('/barrierefreiheit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Erklärung zur Barrierefreiheit'
	);
	await expect(page.getByText('teilweise mit den Anforderungen vereinbar')).toBeVisible();
	// The English text keeps the office's German name, marked as German for screen readers.
	await page.goto('/en/barrierefreiheit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility statement');
	await expect(page.locator('main [lang="de"]')).toHaveText(
		'Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen'
	);
	// Linked from the footer of every page, the login page included.
	await page.goto('/login');
	await page
		.getByRole('contentinfo')
		.getByRole('link', { name: 'Erklärung zur Barrierefreiheit' })
		.click();
	await expect(page).toHaveURL(/\/barrierefreiheit$/);

	for (const prefix of locales) {
		// An empty login form is refused by validation before any login attempt is recorded.
		await page.goto(inLocale(prefix, '/login'));
		await page.locator('form[action*="?/login"] button[type="submit"]').click();
		await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
		await expectAccessible(page);

		const missing = await page.goto(inLocale(prefix, '/gibt-es-nicht'));
		expect(missing?.status()).toBe(404);
		await expectAccessible(page);
	}
});

// The long role sweeps run once per language, as tests of their own, so the two workers share them.
for (const prefix of locales) {
	const language = prefix ? 'English' : 'German';
	test(`city leadership (Köln), ${language}: overview, cities, scorecards, comparisons, audit, account`, async ({
		page
	}) => {
		test.slow();
		await loginAs(page, demo.leadershipKoeln);
		await sweep(
			page,
			[
				// The German overview: the mayor's journey in compare-views.spec.ts.
				...(prefix ? ['/overview'] : []),
				'/cities',
				'/cities/koeln',
				'/cities/koeln/archivierung',
				'/cities/koeln/archivierung/map',
				'/fields',
				'/fields/service-center-d115',
				'/compare',
				'/compare?field=archivierung&kpi=ARCH-DIGITAL&period=2026-Q3',
				'/compare/heatmap?field=archivierung&period=2026-Q3',
				'/compare/trend?field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT&cities=koeln,muenster',
				'/account',
				'/account/2fa',
				'/barrierefreiheit'
			],
			[prefix]
		);
		// The 404 page inside the logged-in shell.
		const missing = await page.goto(inLocale(prefix, '/cities/gibt-es-nicht'));
		expect(missing?.status()).toBe(404);
		await expectAccessible(page);
	});

	test(`controller (Köln), ${language}: entry grid, import, scorecard editor with its objective and KPI pages, tokens`, async ({
		page
	}) => {
		test.slow();
		await loginAs(page, demo.controllerKoeln);
		const objective = await firstLink(page, '/cities/koeln/archivierung/edit', '/edit/objectives/');
		const kpi = await firstLink(page, objective, '/edit/kpis/');
		await sweep(
			page,
			[
				'/cities/koeln/archivierung/entry',
				'/cities/koeln/archivierung/import',
				'/cities/koeln/archivierung/edit',
				'/cities/koeln/archivierung/map',
				objective,
				kpi,
				'/account/tokens'
			],
			[prefix]
		);
	});

	test(`field lead (D115), ${language}: periods, catalogue, template, pilots (empty and refused), completeness`, async ({
		page
	}) => {
		test.slow();
		await loginAs(page, demo.fieldLeadD115);
		const field = '/fields/service-center-d115';
		const code = await firstLink(page, `${field}/catalogue`, `${field}/catalogue/`);
		const objective = await firstLink(page, `${field}/template`, '/template/objectives/');
		await sweep(
			page,
			[
				`${field}/periods`,
				`${field}/catalogue`,
				`${field}/catalogue/new`,
				code,
				`${field}/template`,
				objective,
				`${field}/pilots`,
				`${field}/pilots/new`,
				'/completeness'
			],
			[prefix]
		);
		// Empty forms are refused by validation and write nothing.
		await page.goto(inLocale(prefix, `${field}/pilots/new`));
		await page.locator('main form[method="POST"] button[type="submit"]').first().click();
		await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
		await expectAccessible(page);

		await page.goto(inLocale(prefix, `${field}/catalogue/new`));
		await page.locator('main form[method="POST"] button[type="submit"]').first().click();
		await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
		await expectAccessible(page);
	});
}

test('observer: completeness and the comparison', async ({ page }) => {
	await loginAs(page, demo.observer);
	await sweep(page, ['/completeness', '/compare']);
	// The German ring overview: compare-filters.spec.ts.
	await sweep(page, ['/overview'], ['/en']);
});

test('admin: the required 2FA enrolment page after the password', async ({ page }) => {
	// An admin without TOTP must enrol before anything else; enrolling writes, so the admin
	// pages behind it are covered by admin.stateful.spec.ts, not here.
	for (const prefix of locales) {
		await page.context().clearCookies();
		await page.goto(inLocale(prefix, '/login'));
		await page.locator('input[name="email"]').fill(demo.admin);
		await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
		await page.locator('form[action*="?/login"] button[type="submit"]').click();
		await expect(page).toHaveURL(/\/account\/2fa$/);
		await expectAccessible(page);
	}
});

/**
 * Presses Tab until `target` has focus; fails after `max` presses. Every stop on the way must show
 * where the focus is (WCAG 2.4.7): an outline or a box shadow on the focused element.
 */
async function tabTo(page: Page, target: (el: Element) => boolean, max = 60) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluateHandle(() => document.activeElement);
		const stop = await focused.evaluate((el) => {
			if (!el || el === document.body) return null;
			const style = getComputedStyle(el);
			const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
			return {
				name: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${el.textContent?.trim().slice(0, 30) ?? ''}`,
				visible: outline || style.boxShadow !== 'none'
			};
		});
		if (stop) expect(stop.visible, `focus indicator on ${stop.name}`).toBe(true);
		if (await focused.evaluate(target)) return;
	}
	throw new Error('target not reached with Tab');
}

test('keyboard only: login, into the entry grid and out, a comparison by select and Enter', async ({
	page
}) => {
	test.slow();
	await page.goto('/login');
	await tabTo(page, (el) => el.getAttribute('name') === 'email');
	await page.keyboard.type(demo.controllerKoeln);
	await page.keyboard.press('Tab');
	await expect(page.locator('input[name="password"]')).toBeFocused();
	await page.keyboard.type(DEMO_PASSWORD);
	await page.keyboard.press('Enter');
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();

	// The entry grid: reach the first value field by Tab, then leave it again without changes.
	await page.goto('/cities/koeln/archivierung/entry');
	await tabTo(page, (el) => el.hasAttribute('data-entry-value'), 120);
	const first = page.locator('[data-entry-value]').first();
	await expect(first).toBeFocused();
	const before = await first.inputValue();
	await page.keyboard.press('Shift+Tab');
	await expect(first).not.toBeFocused();
	await expect(first).toHaveValue(before);

	// The comparison: pick another field with the arrow keys and send the form with Enter.
	await page.goto('/compare?field=archivierung&kpi=ARCH-DIGITAL&period=2026-Q3');
	await tabTo(page, (el) => el.id === 'compare-field');
	const field = page.locator('#compare-field');
	const start = await field.inputValue();
	await page.keyboard.press('ArrowDown');
	const chosen = await field.inputValue();
	expect(chosen).not.toBe(start);
	await tabTo(page, (el) => el.matches('form.filters button[type="submit"]'));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`field=${chosen}`));
	await expect(page.locator('#compare-field')).toHaveValue(chosen);
	await expectAccessible(page);
});
