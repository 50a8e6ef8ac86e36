import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * Experience exchange: a comment on a pilot is written and reworded (the earlier wording stays
 * in the history); a Düsseldorf controller records influencing factors on a draft and on a released
 * value; Köln sees only the released one. Texts carry the run's time, so repeated runs
 * against the same demo database do not collide.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const run = Date.now();
// Düsseldorf's archive KPI: 2026 Q3 is a draft in the demo, earlier quarters are released.
// No other spec before this one changes these values (the entry spec releases Köln's), so the
// draft stays a draft whatever order the specs run in.
const SCORECARD = '/cities/duesseldorf/archivierung?kpi=ARCH-DIGITAL';
const BODY = 'Text (höchstens 4000 Zeichen)';

async function shot(page: Page, name: string) {
	await lookShot(page, `exchange-${name}`);
}

test('a user comments on a pilot and rewords it; the earlier wording stays in the history', async ({
	page
}) => {
	const first = `Wie lange hat die Migration gedauert? (${run})`;
	const second = `Wie lange hat die Migration der Altakten gedauert? (${run})`;
	await loginAs(page, demo.observer);
	await page.goto('/fields/beihilfe/pilots');
	await page.getByRole('link', { name: 'Gemeinsame Beihilfebearbeitung' }).click();
	const exchange = page.locator('#exchange');
	await expect(exchange.getByRole('heading', { name: 'Erfahrungsaustausch' })).toBeVisible();
	// The demo's lesson learned, with its kind in words.
	await expect(exchange.getByText('Die Datenmigration hat länger gedauert')).toBeVisible();
	await expect(exchange.getByText('Lesson learned').first()).toBeVisible();

	await exchange.getByRole('textbox', { name: BODY }).fill(first);
	await exchange.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
	await expect(page.getByRole('status')).toHaveText('Beitrag veröffentlicht.');
	const mine = page.getByTestId('exchange-note').filter({ hasText: first });
	await expect(mine).toContainText('Demo Städtetag (Beobachtung)');
	await expect(mine).toContainText('Kommentar');
	await expectAccessible(page);

	await mine.getByText('Bearbeiten').click();
	await mine.getByRole('combobox', { name: 'Art des Beitrags' }).selectOption('lesson');
	await mine.getByRole('textbox', { name: BODY }).fill(second);
	await mine.getByRole('button', { name: 'Änderung speichern' }).click();
	await expect(page.getByRole('status')).toContainText('Änderung gespeichert');
	const edited = page.getByTestId('exchange-note').filter({ hasText: second });
	await expect(edited).toContainText('Lesson learned');
	await edited.getByText(/bearbeitet am .* \(Verlauf anzeigen\)/).click();
	await expect(edited.getByText(first)).toBeVisible();
	await expectAccessible(page);
	await shot(page, 'pilot-history');

	// Someone else's note offers neither editing nor deleting.
	const other = page.getByTestId('exchange-note').filter({ hasText: 'Düsseldorf übernimmt' });
	await expect(other.getByText('Bearbeiten')).toHaveCount(0);
	await expect(other.getByRole('button', { name: 'Beitrag löschen' })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the plain forms write and delete a comment', async ({ page }) => {
		const text = `Ohne Skript geschrieben (${run})`;
		await loginAs(page, demo.leadershipKoeln);
		await page.goto('/fields/beihilfe/pilots');
		await page.getByRole('link', { name: 'Gemeinsame Beihilfebearbeitung' }).click();
		const exchange = page.locator('#exchange');
		await exchange.getByRole('textbox', { name: BODY }).fill(text);
		await exchange.getByRole('button', { name: 'Beitrag veröffentlichen' }).click();
		await expect(page.getByRole('status')).toHaveText('Beitrag veröffentlicht.');
		const mine = page.getByTestId('exchange-note').filter({ hasText: text });
		await mine.getByRole('button', { name: 'Beitrag löschen' }).click();
		await expect(page.getByRole('status')).toHaveText('Beitrag gelöscht.');
		await expect(page.getByText(text)).toHaveCount(0);
	});
});

test('a Düsseldorf controller records influencing factors on a draft and on a released value', async ({
	page
}) => {
	await loginAs(page, demo.controllerDuesseldorf);
	for (const [quarter, kind, text] of [
		['2026-Q3', 'Einmaleffekt', `Entwurf: Sonderaktion Digitalisierung (${run})`],
		['2024-Q4', 'Fallmix', `Freigegeben: mehr Großbestände (${run})`]
	] as const) {
		await page.goto(`${SCORECARD}&quarter=${quarter}`);
		const exchange = page.locator('#exchange');
		await exchange.getByText('Einflussfaktor erfassen').click();
		await exchange.getByRole('combobox', { name: 'Faktor' }).selectOption({ label: kind });
		await exchange.getByRole('textbox', { name: /^Erläuterung/ }).fill(text);
		await exchange.getByRole('textbox', { name: /^Geschätzte Wirkung/ }).fill('ca. +2 %');
		await exchange.getByRole('button', { name: 'Einflussfaktor speichern' }).click();
		await expect(page.getByRole('status')).toHaveText('Einflussfaktor gespeichert.');
		const factor = page.getByTestId('value-factor').filter({ hasText: text });
		await expect(factor).toContainText(`Einflussfaktor: ${kind}`);
		await expect(factor).toContainText('Geschätzte Wirkung: ca. +2 %');
	}
	// The value history marks the factor beside the value.
	await expect(
		page
			.getByRole('table', { name: /^Werte von .* je Quartal$/ })
			.getByText('Einflussfaktor: Fallmix')
			.first()
	).toBeVisible();
	await expectAccessible(page);
	await shot(page, 'factors-duesseldorf');
});

test('Köln sees Düsseldorf’s factors only where the value is released', async ({ page }) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto(`${SCORECARD}&quarter=2024-Q4`);
	const exchange = page.locator('#exchange');
	await expect(exchange.getByText(`Freigegeben: mehr Großbestände (${run})`)).toBeVisible();
	// Not Köln's own figures: no form to record factors.
	await expect(exchange.getByText('Einflussfaktor erfassen')).toHaveCount(0);
	await expect(page.getByText(`Entwurf: Sonderaktion Digitalisierung (${run})`)).toHaveCount(0);
	// Asking for the draft quarter shows the latest released value instead, never the draft's notes.
	await page.goto(`${SCORECARD}&quarter=2026-Q3`);
	await expect(page.locator('#exchange-title')).toContainText('Q2/2026');
	await expect(page.getByText(`Entwurf: Sonderaktion Digitalisierung (${run})`)).toHaveCount(0);
	await expect(page.getByText('Einflussfaktor: Einmaleffekt')).toHaveCount(0);
	await expectAccessible(page);
	await shot(page, 'factors-koeln');

	// The comparison marks Düsseldorf's released value with its factor, never the draft's.
	await page.goto('/compare?field=archivierung&kpi=ARCH-DIGITAL&period=2024-Q4');
	const duesseldorfRow = page
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: /Düsseldorf/ }) });
	await expect(duesseldorfRow.getByText('Einflussfaktor: Fallmix').first()).toBeVisible();
	await page.goto('/compare?field=archivierung&kpi=ARCH-DIGITAL&period=2026-Q3');
	await expect(page.getByText('Einflussfaktor: Einmaleffekt')).toHaveCount(0);
	await expectAccessible(page);
	// The year view names the quarter of each factor behind the year's figure.
	await page.goto('/compare?field=archivierung&kpi=ARCH-DIGITAL&period=2024');
	await expect(duesseldorfRow.getByText('Einflussfaktor: Fallmix (Q4)').first()).toBeVisible();
	await expect(page.getByText(/Einflussfaktor: Einmaleffekt/)).toHaveCount(0);
	await expectAccessible(page);
	await shot(page, 'factors-year');
});
