import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';

test('a person turns a kind of e-mail off and picks the mail language in the account', async ({
	page
}) => {
	await loginAs(page, demo.fieldLeadD115);
	await page.goto('/account');
	const section = page.getByRole('region', { name: 'E-Mail-Benachrichtigungen' });
	// The browser tests run without SMTP: the page says the settings wait for mail to be on.
	await expect(section.getByText('Versand von E-Mails ausgeschaltet')).toBeVisible();
	const released = section.getByLabel('Werte freigegeben');
	await expect(released).toBeChecked();
	await released.uncheck();
	await section.getByLabel('Sprache der E-Mails').selectOption('en');
	await section.getByRole('button', { name: 'E-Mail-Einstellungen speichern' }).click();
	await expect(page.getByText('Ihre E-Mail-Einstellungen sind gespeichert.')).toBeVisible();
	await expectAccessible(page);

	await page.goto('/account');
	await expect(section.getByLabel('Werte freigegeben')).not.toBeChecked();
	await expect(section.getByLabel('Werte zur Freigabe eingereicht')).toBeChecked();
	await expect(section.getByLabel('Sprache der E-Mails')).toHaveValue('en');

	// Back as it was, for the other tests.
	await section.getByLabel('Werte freigegeben').check();
	await section.getByLabel('Sprache der E-Mails').selectOption('de');
	await section.getByRole('button', { name: 'E-Mail-Einstellungen speichern' }).click();
	await expect(page.getByText('Ihre E-Mail-Einstellungen sind gespeichert.')).toBeVisible();
});

test('the field lead sets the reminder days on the quarters page', async ({ page }) => {
	await loginAs(page, demo.fieldLeadD115);
	await page.goto('/fields/service-center-d115/periods');
	const days = page.getByLabel('Tage vor der Frist');
	await expect(days).toHaveValue('7');
	await days.fill('99');
	await page.getByRole('button', { name: 'Erinnerung speichern' }).click();
	await expect(page.getByText('Bitte eine ganze Zahl von 0 bis 60 eingeben.')).toBeVisible();
	await days.fill('10');
	await page.getByRole('button', { name: 'Erinnerung speichern' }).click();
	await expect(
		page.getByText('Die Erinnerung ist gespeichert: 10 Tage vor der Frist.')
	).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Tage vor der Frist').fill('7');
	await page.getByRole('button', { name: 'Erinnerung speichern' }).click();
	await expect(
		page.getByText('Die Erinnerung ist gespeichert: 7 Tage vor der Frist.')
	).toBeVisible();
});
