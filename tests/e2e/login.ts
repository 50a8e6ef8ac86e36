import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo-Ring-2026!';
export const demo = {
	admin: 'admin@demo.ikz-nrw.de',
	observer: 'staedtetag@demo.ikz-nrw.de',
	leadershipKoeln: 'ob.koeln@demo.ikz-nrw.de',
	controllerKoeln: 'controlling.koeln@demo.ikz-nrw.de',
	approverKoeln: 'freigabe.koeln@demo.ikz-nrw.de',
	controllerDuesseldorf: 'controlling.duesseldorf@demo.ikz-nrw.de',
	fieldLeadD115: 'feldleitung.d115@demo.ikz-nrw.de'
};

/** Logs in through the form, as a person would. */
export async function loginAs(page: Page, email: string, path = '/login') {
	await page.goto(path);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await expect(page.getByText(/Angemeldet als/)).toBeVisible();
}
