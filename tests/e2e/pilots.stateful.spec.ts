import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * A working-group member (the D115 field lead) creates a pilot, enters planned and actual lines,
 * reads the NPV and the city shares, and records a gate decision. The title carries the run's
 * time so repeated runs against the same demo database do not collide.
 */
const PILOTS = '/fields/service-center-d115/pilots';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

async function shot(page: Page, name: string) {
	await lookShot(page, `pilots-${name}`);
}

async function addLine(
	page: Page,
	line: {
		year: string;
		scenario: string;
		kind: string;
		amount: string;
		label: string;
		/** Untick "Haushaltswirksam" (the box starts ticked). */
		notBudget?: boolean;
	},
	linesAfter: number
) {
	const form = page.getByRole('form', { name: 'Zeile hinzufügen' });
	await form.getByRole('textbox', { name: 'Jahr' }).fill(line.year);
	await form
		.getByRole('combobox', { name: 'Plan oder Ist' })
		.selectOption({ label: line.scenario });
	await form.getByRole('combobox', { name: 'Art' }).selectOption({ label: line.kind });
	await form.getByRole('textbox', { name: 'Betrag in €' }).fill(line.amount);
	await form.getByRole('textbox', { name: 'Bezeichnung' }).fill(line.label);
	const budget = form.getByRole('checkbox', { name: 'Haushaltswirksam' });
	await expect(budget).toBeChecked();
	if (line.notBudget) await budget.uncheck();
	await form.getByRole('button', { name: 'Zeile hinzufügen' }).click();
	// The confirmation reads the same each time: wait for the new row instead.
	await expect(page.getByTestId('pilot-lines').getByRole('row')).toHaveCount(linesAfter + 1);
	await expect(page.getByRole('status')).toHaveText('Zeile gespeichert.');
}

/** A new pilot of the D115 field led by Essen with Bochum, through the form. */
async function createPilot(
	page: Page,
	pilot: { title: string; startYear: string; endYear: string; rate: string }
) {
	await page.goto(PILOTS);
	await page.getByRole('link', { name: 'Neues Pilotprojekt anlegen' }).click();
	await page.getByRole('textbox', { name: 'Titel' }).fill(pilot.title);
	await page.getByRole('textbox', { name: 'Startjahr' }).fill(pilot.startYear);
	await page.getByRole('textbox', { name: 'Endjahr' }).fill(pilot.endYear);
	await page.getByRole('textbox', { name: 'Kalkulationszinssatz (%)' }).fill(pilot.rate);
	await page
		.getByRole('combobox', { name: 'Federführende Stadt' })
		.selectOption({ label: 'Essen' });
	await page.getByRole('checkbox', { name: 'Bochum' }).check();
	await page.getByRole('button', { name: 'Pilotprojekt anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(pilot.title);
}

test('the field lead creates a pilot, enters lines, sees NPV and shares, records a gate', async ({
	page
}) => {
	const title = `Gemeinsame Telefonie ${Date.now()}`;
	await loginAs(page, demo.fieldLeadD115);
	await page.goto(PILOTS);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Pilotprojekte');
	await expect(page.getByRole('link', { name: 'Gemeinsames D115-Servicecenter' })).toBeVisible();
	// The linked KPI of the demo pilot: partner cities before/after next to the other cities.
	await expect(page.getByTestId('kpi-effects')).toContainText('D115-SL30');
	await expectAccessible(page);
	await shot(page, 'review');

	await page.getByRole('link', { name: 'Neues Pilotprojekt anlegen' }).click();
	// Bad input first: nothing is created, the errors stand next to the fields.
	await page.getByRole('textbox', { name: 'Titel' }).fill(title);
	await page.getByRole('textbox', { name: 'Startjahr' }).fill('-2026');
	await page.getByRole('textbox', { name: 'Kalkulationszinssatz (%)' }).fill('25');
	await page.getByRole('button', { name: 'Pilotprojekt anlegen' }).click();
	await expect(page.getByText('Ein Jahr kann nicht negativ sein.')).toBeVisible();
	await expect(page.getByText('Der Zinssatz muss zwischen −5 % und +20 % liegen.')).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Startjahr' })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectAccessible(page);
	await shot(page, 'new-errors');

	await page.getByRole('textbox', { name: 'Startjahr' }).fill('2026');
	await page.getByRole('textbox', { name: 'Endjahr' }).fill('2028');
	await page.getByRole('textbox', { name: 'Kalkulationszinssatz (%)' }).fill('3');
	await page
		.getByRole('combobox', { name: 'Federführende Stadt' })
		.selectOption({ label: 'Essen' });
	await page.getByRole('checkbox', { name: 'Bochum' }).check();
	await page.getByRole('checkbox', { name: 'Hagen' }).check();
	await page.getByRole('button', { name: 'Pilotprojekt anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByRole('status')).toHaveText('Pilotprojekt angelegt.');

	// A line outside the pilot's years is refused next to the year.
	const form = page.getByRole('form', { name: 'Zeile hinzufügen' });
	await form.getByRole('textbox', { name: 'Jahr' }).fill('2030');
	await form.getByRole('textbox', { name: 'Betrag in €' }).fill('1.000');
	await form.getByRole('button', { name: 'Zeile hinzufügen' }).click();
	await expect(page.getByText('2030 liegt außerhalb der Laufzeit 2026–2028.')).toBeVisible();

	await addLine(
		page,
		{
			year: '2026',
			scenario: 'Plan',
			kind: 'Entwicklungs-/Investitionskosten',
			amount: '100.000',
			label: 'Telefonanlage'
		},
		1
	);
	await addLine(
		page,
		{
			year: '2027',
			scenario: 'Plan',
			kind: 'Monetärer Nutzen',
			amount: '123.600',
			label: 'Eingesparte Stellen'
		},
		2
	);
	await addLine(
		page,
		{
			year: '2026',
			scenario: 'Ist',
			kind: 'Entwicklungs-/Investitionskosten',
			amount: '90.000,50',
			label: 'Telefonanlage'
		},
		3
	);

	// 2026: −100 000 € (base year); 2027: 123 600 € / 1,03 = 120 000 € → NPV 20 000 €.
	await expect(page.getByTestId('npv-planned')).toHaveText('20.000,00 €');
	await expect(page.getByTestId('npv-actual')).toHaveText('-90.000,50 €');
	// Equal shares of 100 000 € costs among Bochum, Essen, Hagen: the odd cent goes to the first.
	const shares = page.getByTestId('city-shares');
	await expect(shares.getByRole('row', { name: /Bochum/ })).toContainText('33.333,34 €');
	await expect(shares.getByRole('row', { name: /Hagen/ })).toContainText('33.333,33 €');

	// Record a gate decision; it appears in the history and as the current rating.
	await page.getByRole('combobox', { name: 'Kriterium' }).selectOption({ label: 'Machbarkeit' });
	await page.getByRole('spinbutton', { name: 'Bewertung (0–10)' }).fill('8');
	await page.getByRole('combobox', { name: 'Entscheidung' }).selectOption({ label: 'Go' });
	await page
		.getByRole('textbox', { name: 'Begründung / Nachweis' })
		.fill('Anlage trägt drei Städte');
	await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
	await expect(page.getByRole('status')).toHaveText('Entscheidung festgehalten.');
	await expect(page.getByTestId('gate-history')).toContainText('Anlage trägt drei Städte');
	await expect(
		page.getByTestId('gate-current').getByRole('row', { name: /Machbarkeit/ })
	).toContainText('8/10');
	// Strategic points: 8 of 10 on every criterion give 80 of 100.
	for (const name of [
		'Strategische Bedeutung',
		'Nutzen für Bürgerinnen und Bürger',
		'Übertragbarkeit auf weitere Städte',
		'Geringes Umsetzungsrisiko'
	])
		await page.getByRole('textbox', { name: `Punkte für ${name}` }).fill('8');
	await page.getByRole('button', { name: 'Punkte speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Punkte gespeichert.');
	await expect(page.getByText('Gesamt: 80,0 von 100 Punkten (Schwelle 50)')).toBeVisible();
	await expectAccessible(page);
	await shot(page, 'detail');

	// The profile is edited after creation: new title, Hagen leaves, a linked KPI with its effect.
	await page.getByRole('link', { name: 'Titel, Partner und Kennzahlen bearbeiten' }).click();
	const effect = page.getByRole('textbox', {
		name: 'Erwartete Veränderung in % für Servicelevel: Anrufe innerhalb 30 s angenommen'
	});
	await effect.fill('viel');
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(effect).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText(/Bitte eine Veränderung in Prozent/)).toBeVisible();
	await expectAccessible(page);
	await shot(page, 'edit-errors');
	await page.getByRole('textbox', { name: 'Titel' }).fill(`${title} erweitert`);
	await page.getByRole('checkbox', { name: 'Hagen' }).uncheck();
	await effect.fill('15');
	await page
		.getByRole('textbox', { name: 'Notiz zu Servicelevel: Anrufe innerhalb 30 s angenommen' })
		.fill('Rückrufe entlasten die Spitzen');
	await page.getByRole('button', { name: 'Änderungen speichern' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} erweitert`);
	await expect(page.getByRole('status')).toHaveText(
		'Titel, Partner und Kennzahlen sind gespeichert.'
	);
	// The service level is a percentage: its expected change is in percentage points (issue 17).
	await expect(page.getByText('D115-SL30: erwartete Veränderung +15,0 Pp.')).toBeVisible();
	// Two partners now share the 100 000 € costs equally.
	await expect(shares.getByRole('row', { name: /Bochum/ })).toContainText('50.000,00 €');
	await expect(shares.getByRole('row', { name: /Hagen/ })).toHaveCount(0);

	// A line is changed where it stands: 103 000 € in 2027 discount to exactly the 100 000 € cost.
	await page.getByRole('link', { name: 'Zeile 2027, Monetärer Nutzen, Plan ändern' }).click();
	const amount = page.getByTestId('pilot-lines').getByRole('textbox', { name: 'Betrag in €' });
	await amount.fill('-5');
	await page.getByRole('button', { name: 'Zeile speichern' }).click();
	await expect(amount).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
	await shot(page, 'line-edit');
	await amount.fill('103.000');
	await page.getByRole('button', { name: 'Zeile speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Zeile ist geändert.');
	await expect(page.getByTestId('npv-planned')).toHaveText('0,00 €');
	await expect(page.getByTestId('pilot-lines').getByRole('row')).toHaveCount(4);

	await page.getByRole('link', { name: 'Alle Pilotprojekte des Felds' }).click();
	// The first row is the review table's; the KPI-effects table lists the pilot again.
	await expect(
		page.getByRole('row', { name: new RegExp(`${title} erweitert`) }).first()
	).toContainText('0,00 €');
});

test('a Köln controller reads what the Beihilfe pilot costs and saves Köln, without forms', async ({
	page
}) => {
	await loginAs(page, demo.controllerKoeln);
	await page.goto('/fields/beihilfe/pilots');
	await page.getByRole('link', { name: 'Gemeinsame Beihilfebearbeitung' }).click();
	await expect(page.getByTestId('my-city')).toContainText('Köln: Kosten');
	await expect(page.getByRole('button', { name: 'Entscheidung festhalten' })).toHaveCount(0);
	await expectAccessible(page);
	await shot(page, 'koeln');

	// The same page in English, numbers in English notation.
	await page.goto('/en/fields/beihilfe/pilots');
	await page.getByRole('link', { name: 'Gemeinsame Beihilfebearbeitung' }).click();
	await expect(
		page.getByRole('heading', { name: 'What the pilot costs and saves each city' })
	).toBeVisible();
	await expect(page.getByTestId('my-city')).toContainText(/Köln: costs €[\d,]+\.\d\d/);
	await expectAccessible(page);
	await shot(page, 'koeln-en');
});

test('without JavaScript: refusals stand next to the field and a gate decision is recorded', async ({
	browser
}) => {
	const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await loginAs(page, demo.fieldLeadD115);
	await page.goto(PILOTS);
	// Weights that do not sum to 100 are refused and nothing changes.
	await page.getByRole('textbox', { name: 'Gewicht des Kriteriums 1' }).fill('50');
	await page.getByRole('button', { name: 'Kriterien speichern' }).click();
	await expect(page.getByText('Die Gewichte ergeben zusammen 120 statt genau 100.')).toBeVisible();
	// (axe needs scripts in the page; the same page is checked with JavaScript above.)

	await page.goto(PILOTS);
	await page.getByRole('link', { name: 'Gemeinsames D115-Servicecenter' }).click();
	await page.getByRole('spinbutton', { name: 'Bewertung (0–10)' }).fill('11');
	await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
	await expect(page.getByText('Bitte eine ganze Zahl von 0 bis 10 angeben.')).toBeVisible();
	await expect(page.getByRole('spinbutton', { name: 'Bewertung (0–10)' })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await page.getByRole('spinbutton', { name: 'Bewertung (0–10)' }).fill('6');
	await page.getByRole('combobox', { name: 'Kriterium' }).selectOption({ label: 'Akzeptanz' });
	await page
		.getByRole('combobox', { name: 'Entscheidung' })
		.selectOption({ label: 'Überarbeiten' });
	await page.getByRole('button', { name: 'Entscheidung festhalten' }).click();
	await expect(page.getByRole('status')).toHaveText('Entscheidung festgehalten.');
	await expect(page.getByTestId('gate-history')).toContainText('Überarbeiten');
	await shot(page, 'no-js');
});

test('a line marked "nicht haushaltswirksam" stays so, when added and when changed', async ({
	page
}) => {
	await loginAs(page, demo.fieldLeadD115);
	// Rate 0 %: the Kapitalwert is the plain sum, so the split can be read off the amounts.
	await createPilot(page, {
		title: `Digitale Akte ${Date.now()}`,
		startYear: '2026',
		endYear: '2027',
		rate: '0'
	});
	const lines = page.getByTestId('pilot-lines');
	const budgetCell = (label: string) =>
		lines
			.getByRole('row', { name: new RegExp(label) })
			.getByRole('cell')
			.nth(4);
	const split = async (budget: string, other: string) => {
		await expect(page.getByRole('row', { name: /^davon haushaltswirksam/ })).toContainText(budget);
		await expect(page.getByRole('row', { name: /^davon nicht haushaltswirksam/ })).toContainText(
			other
		);
	};

	await addLine(
		page,
		{
			year: '2026',
			scenario: 'Plan',
			kind: 'Entwicklungs-/Investitionskosten',
			amount: '10.000',
			label: 'Scanstraße',
			notBudget: true
		},
		1
	);
	await addLine(
		page,
		{
			year: '2027',
			scenario: 'Plan',
			kind: 'Monetärer Nutzen',
			amount: '4.000',
			label: 'Weniger Porto'
		},
		2
	);
	await expect(budgetCell('Scanstraße')).toHaveText('nein');
	await expect(budgetCell('Weniger Porto')).toHaveText('ja');
	await split('4.000,00 €', '-10.000,00 €');

	// Changing the amount of the unticked line keeps it unticked.
	await page
		.getByRole('link', { name: 'Zeile 2026, Entwicklungs-/Investitionskosten, Plan ändern' })
		.click();
	const box = lines.getByRole('checkbox', { name: 'Haushaltswirksam' });
	await expect(box).not.toBeChecked();
	await lines.getByRole('textbox', { name: 'Betrag in €' }).fill('12.000');
	await page.getByRole('button', { name: 'Zeile speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Zeile ist geändert.');
	await expect(budgetCell('Scanstraße')).toHaveText('nein');
	await split('4.000,00 €', '-12.000,00 €');

	// Unticking a ticked line in the change form saves "nein" …
	await page.getByRole('link', { name: 'Zeile 2027, Monetärer Nutzen, Plan ändern' }).click();
	await expect(box).toBeChecked();
	await box.uncheck();
	await page.getByRole('button', { name: 'Zeile speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Zeile ist geändert.');
	await expect(budgetCell('Weniger Porto')).toHaveText('nein');
	await split('0,00 €', '-8.000,00 €');

	// … and ticking it again saves "ja".
	await page.getByRole('link', { name: 'Zeile 2027, Monetärer Nutzen, Plan ändern' }).click();
	await box.check();
	await page.getByRole('button', { name: 'Zeile speichern' }).click();
	await expect(page.getByRole('status')).toHaveText('Die Zeile ist geändert.');
	await expect(budgetCell('Weniger Porto')).toHaveText('ja');
	await split('4.000,00 €', '-12.000,00 €');
});

test('the pilot page shows static and dynamic payback, each as a year or in plain words', async ({
	page
}) => {
	await loginAs(page, demo.fieldLeadD115);
	await createPilot(page, {
		title: `Gemeinsames Rechenzentrum ${Date.now()}`,
		startYear: '2026',
		endYear: '2029',
		rate: '10'
	});
	await addLine(
		page,
		{
			year: '2026',
			scenario: 'Plan',
			kind: 'Entwicklungs-/Investitionskosten',
			amount: '100.000',
			label: 'Server'
		},
		1
	);
	await addLine(
		page,
		{
			year: '2027',
			scenario: 'Plan',
			kind: 'Monetärer Nutzen',
			amount: '50.000',
			label: 'Lizenzen'
		},
		2
	);
	await addLine(
		page,
		{
			year: '2028',
			scenario: 'Plan',
			kind: 'Monetärer Nutzen',
			amount: '55.000',
			label: 'Lizenzen'
		},
		3
	);
	await addLine(
		page,
		{
			year: '2026',
			scenario: 'Ist',
			kind: 'Entwicklungs-/Investitionskosten',
			amount: '100.000',
			label: 'Server'
		},
		4
	);
	/*
	 * Worked by hand. Undiscounted, cumulated: 2026 −100 000, 2027 −50 000, 2028 +5 000 → the
	 * static payback is 2028, the year "Saldo Plan kumuliert" turns positive.
	 * Discounted at 10 % to 2026: −100 000; 50 000 / 1,1 = 45 454,55 → −54 545,45;
	 * 55 000 / 1,21 = 45 454,55 → −9 090,91: not paid back by the pilot's last year 2029.
	 * Actual figures exist only for 2026 (−100 000): not paid back yet, the period runs on.
	 */
	const yearTable = page.getByRole('table', { name: 'Plan und Ist je Jahr' });
	await expect(yearTable.getByRole('row', { name: /^2028/ })).toContainText('5.000,00 €');
	await expect(page.getByRole('rowheader', { name: 'Statische Amortisation' })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: 'Dynamische Amortisation' })).toBeVisible();
	await expect(page.getByTestId('payback-static-planned')).toHaveText('2028');
	await expect(page.getByTestId('payback-dynamic-planned')).toHaveText(
		'nach dem Betrachtungszeitraum (bis 2029 nicht erreicht)'
	);
	await expect(page.getByTestId('payback-static-actual')).toHaveText(
		'noch nicht erreicht (Ist-Zahlen bis 2026)'
	);
	await expect(page.getByTestId('payback-dynamic-actual')).toHaveText(
		'noch nicht erreicht (Ist-Zahlen bis 2026)'
	);
	await expectAccessible(page);
	await shot(page, 'payback');

	// 2029: 13 310 / 1,331 = 10 000 → discounted −9 090,91 + 10 000 = +909,09: paid back in 2029.
	await addLine(
		page,
		{
			year: '2029',
			scenario: 'Plan',
			kind: 'Monetärer Nutzen',
			amount: '13.310',
			label: 'Lizenzen'
		},
		5
	);
	await expect(page.getByTestId('payback-static-planned')).toHaveText('2028');
	await expect(page.getByTestId('payback-dynamic-planned')).toHaveText('2029');

	// The same in English.
	await page.goto(`/en${new URL(page.url()).pathname}`);
	await expect(page.getByRole('rowheader', { name: 'Static payback' })).toBeVisible();
	await expect(page.getByTestId('payback-dynamic-planned')).toHaveText('2029');
	await expect(page.getByTestId('payback-static-actual')).toHaveText(
		'not reached yet (actual figures up to 2026)'
	);
});
