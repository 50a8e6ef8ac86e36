import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { DEMO_PASSWORD, demo, loginAs } from './login';

test('an anonymous visitor is sent to the login page; an admin must first set up 2FA', async ({
	page
}) => {
	await page.goto('/cities/koeln');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcities%2Fkoeln$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Demo-Zugänge' })).toBeVisible();
	await expectAccessible(page);

	// The admin account: no other browser test uses it, and this test ends all its sessions.
	await page.getByLabel('E-Mail-Adresse').fill(demo.admin);
	await page.getByLabel('Passwort').fill('ganz-sicher-falsch');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
	await expect(page.getByLabel('Passwort')).toHaveValue('');
	await expectAccessible(page);

	await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	// Admins must enrol a second factor before anything else (the return to the page the visitor
	// came from is covered with the field lead in twofa.stateful.spec.ts).
	await expect(page).toHaveURL(/\/account\/2fa$/);
	await expect(
		page.getByText('Für Administrationskonten ist die Zwei-Faktor-Anmeldung Pflicht.', {
			exact: false
		})
	).toBeVisible();
	await expectAccessible(page);
	await page.goto('/cities/koeln');
	await expect(page).toHaveURL(/\/account\/2fa$/);

	// A second browser of the same person: logout must end that session too.
	const other = await page.context().browser()!.newContext();
	const otherPage = await other.newPage();
	await loginAs(otherPage, demo.admin, { viaForm: true });

	// The remembered comparison (the app sets it on /compare) leaves with the person.
	await page.context().addCookies([
		{
			name: 'ikz_compare',
			value: '1:field=beihilfe&kpi=BH-DAUER',
			url: new URL(page.url()).origin
		}
	]);
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL(/\/login$/);
	expect((await page.context().cookies()).map((c) => c.name)).not.toContain('ikz_compare');
	await page.goto('/');
	await expect(page).toHaveURL(/\/login/);
	await otherPage.goto('/cities');
	await expect(otherPage).toHaveURL(/\/login/);
	await other.close();
});

test('an invalid e-mail address is explained next to the field', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill('keine-adresse');
	await page.getByLabel('Passwort').fill('irgendwas');
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.')).toBeVisible();
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
});

test("the observer sees only Köln's released archive values", async ({ page }) => {
	await loginAs(page, demo.observer);
	await page.goto('/cities/koeln/archivierung');
	await expect(page.getByText('Berichtsstand Q2/2026')).toBeVisible();
	await expect(page.getByText('(Entwurf)')).toHaveCount(0);
});

test("Köln's controller also sees the own drafts, marked as such, but not other cities' drafts", async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/cities/koeln/archivierung');
	await expect(page.getByText('Berichtsstand Q3/2026')).toBeVisible();
	await expect(page.locator('.kpi-table').getByText('(Entwurf)').first()).toBeVisible();
	await expectAccessible(page);

	// Münster has drafts in Q3/2026 too; Köln's controller must not see them.
	await page.goto('/cities/muenster/archivierung');
	await expect(page.getByText('(Entwurf)')).toHaveCount(0);
	await expect(page.getByText('(eingereicht)')).toHaveCount(0);
});
