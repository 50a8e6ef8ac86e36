import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { loginWithSecondFactor } from './second-factor';
import { lookShot } from './shots';

/**
 * "Meine Aufgaben" as each role's start page, on the demo data (Q3/2026 open in every field,
 * due 30 November): what each role finds first, in German and English, axe-clean, with
 * screenshots at desktop and phone width (tmp/shots, not committed) for a person to look at.
 */
test.describe.configure({ timeout: 120_000 });

const roles = [
	{
		name: 'controller',
		email: demo.controllerKoeln,
		heading: 'Werte erfassen',
		en: 'Enter values'
	},
	{
		name: 'approver',
		email: demo.approverKoeln,
		heading: 'Eingereichte Werte prüfen',
		en: 'Review submitted values'
	},
	{ name: 'field-lead', email: demo.fieldLeadD115, heading: 'Federführung', en: 'Field lead' },
	{
		name: 'leadership',
		email: demo.leadershipKoeln,
		heading: 'Für die Stadtspitze',
		en: "For the city's leadership"
	},
	{ name: 'observer', email: demo.observer, heading: 'Stand des Rings', en: 'State of the ring' },
	{ name: 'admin', email: demo.admin, heading: 'Stand des Rings', en: 'State of the ring' }
];

async function shots(page: Page, name: string) {
	for (const width of [1366, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await lookShot(page, `tasks-${name}-${width}`);
	}
	await page.setViewportSize({ width: 1366, height: 900 });
}

for (const role of roles) {
	test(`the ${role.name} starts on their tasks (de and en)`, async ({ page }) => {
		// Through the form: one test per role proves that the login itself works (other tests
		// may continue a session saved earlier in the run).
		if (role.name === 'admin') await loginWithSecondFactor(page, role.email, { viaForm: true });
		else await loginAs(page, role.email, { viaForm: true });
		await page.goto('/');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Aufgaben');
		await expect(page.getByRole('heading', { level: 2, name: role.heading })).toBeVisible();
		await expectAccessible(page);
		await shots(page, `${role.name}-de`);

		await page.goto('/en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('My tasks');
		await expect(page.getByRole('heading', { level: 2, name: role.en })).toBeVisible();
		await expectAccessible(page);
		await shots(page, `${role.name}-en`);
	});
}

test('the controller sees the passed deadline as overdue, in days, beside the open values', async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/');
	const section = page.getByRole('region', { name: 'Werte erfassen' });
	// The demo's deadline is 30 November 2026; the run's date decides how many days have passed.
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
	if (today > '2026-11-30') {
		await expect(section.getByText(/überfällig seit \d+ Tag/).first()).toBeVisible();
	} else {
		await expect(section.getByText(/Frist (heute|30\.11\.2026)/).first()).toBeVisible();
	}
	await section.getByRole('link').first().click();
	await expect(page).toHaveURL(/\/cities\/koeln\/[a-z0-9-]+\/entry\?q=2026-Q3/);
});

test('a passed deadline reads as overdue on the entry page, the completeness matrix and the field page', async ({
	page,
	browser
}) => {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
	test.skip(today <= '2026-11-30', 'the demo quarter is due 30 November 2026: not passed yet');
	const days = Math.round((Date.parse(today) - Date.parse('2026-11-30')) / 86_400_000);
	const overdue = days === 1 ? 'überfällig seit 1 Tag' : `überfällig seit ${days} Tagen`;
	await loginAs(page, demo.controllerKoeln);

	await page.goto('/cities/koeln/service-center-d115/entry?q=2026-Q3');
	await expect(page.getByText('Das Quartal ist offen.')).toBeVisible();
	await expect(page.getByText(`${overdue} (Frist 30.11.2026)`)).toBeVisible();
	await expect(page.getByText('Abgabe bis 30.11.2026')).toHaveCount(0);

	await page.goto('/fields/service-center-d115');
	await expect(page.getByText(`${overdue} (Frist 30.11.2026)`)).toBeVisible();

	await page.goto('/en/cities/koeln/service-center-d115/entry?q=2026-Q3');
	await expect(
		page.getByText(days === 1 ? 'overdue by 1 day' : `overdue by ${days} days`)
	).toBeVisible();

	// The matrix is the ring's view (the observer's): its own late mark, not a performance icon.
	const observer = await browser.newPage();
	await loginAs(observer, demo.observer);
	await observer.goto('/completeness?q=2026-Q3');
	const matrix = observer.getByRole('table').first();
	await expect(matrix.getByText(`offen, ${overdue}`).first()).toBeVisible();
	await expect(matrix.locator('td').getByText('überfällig').first()).toBeVisible();
	await observer.close();
});
