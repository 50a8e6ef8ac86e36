import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';
import { expectNoSidewaysScroll } from './layout';

/**
 * Issue 16, point 5, read-only on demo data: Gelsenkirchen's released D115-SL30 value of
 * Q2/2026 is off target and carries the controller's comment; a mayor of another city reads it
 * as text beside the value on Gelsenkirchen's overview and in the comparison row.
 */
const NOTE = 'Sondereffekt: Datenbereinigung im Quartal';

const shots = async (page: Page, name: string) => {
	for (const width of [1366, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await lookShot(page, `${name}-${width}`);
		// Wide tables scroll inside their region; the page itself never gets wider than the screen.
		await expectNoSidewaysScroll(page);
	}
};

test('a mayor reads another city’s comment on a red or amber value beside the value', async ({
	page
}) => {
	test.slow();
	await loginAs(page, demo.leadershipKoeln);

	await page.goto('/overview?city=gelsenkirchen');
	const ring = page.getByRole('table', { name: 'Schlüsselkennzahlen gegen den Median des Rings' });
	const row = ring.getByRole('row', { name: /D115-SL30/ });
	await expect(ring.getByRole('columnheader', { name: 'Kommentar der Stadt' })).toBeVisible();
	await expect(row.getByRole('cell', { name: `Kommentar der Stadt: ${NOTE}` })).toBeVisible();
	const movers = page.locator('section[aria-labelledby="overview-movers"]');
	await expect(movers.getByText(`Kommentar der Stadt zu Q2/2026: ${NOTE}`)).toBeVisible();
	await expectAccessible(page);
	await shots(page, 'value-notes-overview');

	await page.goto('/compare?field=service-center-d115&kpi=D115-SL30&period=2026-Q2');
	const table = page.getByRole('table', { name: 'Werte der Städte' });
	const gelsenkirchen = table.getByRole('row', { name: /Gelsenkirchen/ });
	await expect(gelsenkirchen).toContainText(`Kommentar der Stadt: ${NOTE}`);
	await expectAccessible(page);
	await shots(page, 'value-notes-comparison');

	await page.goto('/en/compare?field=service-center-d115&kpi=D115-SL30&period=2026-Q2');
	await expect(page.getByRole('row', { name: /Gelsenkirchen/ })).toContainText(
		`City’s comment: ${NOTE}`
	);
	await expectAccessible(page);
});
