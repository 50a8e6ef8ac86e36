import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expectAccessible } from './axe';
import { demo, loginAs } from './login';
import { lookShot } from './shots';

/**
 * File import and export in the browser on Düsseldorf × Geodatenmanagement, whose Q3/2026 (the
 * demo's open quarter) holds drafts: an export re-imports with zero changes, bad files show
 * their messages and write nothing, a good file imports, and another city's export holds only
 * released values.
 */
const IMPORT = '/cities/duesseldorf/geodaten-management/import';
const ENTRY = '/cities/duesseldorf/geodaten-management/entry';

test.describe.configure({ mode: 'serial' });

async function shot(page: Page, name: string) {
	await lookShot(page, `import-${name}`);
	await lookShot(page, `import-${name}-top`, false);
}

/** Clicks a download button and returns the file's bytes. */
async function download(page: Page, form: string, button: string, quarter?: string) {
	const section = page.locator('section.card', { has: page.getByRole('heading', { name: form }) });
	if (quarter) await section.getByLabel('Quartal').selectOption(quarter);
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		section.getByRole('button', { name: button }).click()
	]);
	return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

async function upload(page: Page, name: string, bytes: Buffer | string, mimeType = 'text/csv') {
	await page.getByLabel(/Datei \(CSV oder XLSX/).setInputFiles({
		name,
		mimeType,
		buffer: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes
	});
	await page.getByRole('button', { name: 'Datei prüfen (Probelauf)' }).click();
}

const counts = (page: Page) => page.getByRole('list', { name: 'Ergebnis des Probelaufs' });

test('an export of all values re-imports with zero changes, as CSV and as XLSX', async ({
	page
}) => {
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto(IMPORT);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Import und Export');
	await shot(page, 'start');
	await expectAccessible(page);

	const csv = await download(page, 'Werte exportieren', 'CSV herunterladen');
	expect(csv.name).toBe('ikz-werte-duesseldorf-geodaten-management.csv');
	const text = csv.bytes.toString('utf8');
	expect(text.startsWith('\uFEFFStadt;Handlungsfeld;Kennzahl')).toBe(true);
	const rows = text.trim().split('\r\n').length - 1;
	expect(rows).toBeGreaterThan(40);

	await upload(page, csv.name, csv.bytes);
	await expect(page.getByRole('heading', { name: `Probelauf: ${csv.name}` })).toBeVisible();
	await expect(counts(page)).toContainText(`unverändert: ${rows}`);
	await expect(counts(page)).toContainText('Fehler: 0');
	await expect(page.getByText('Alle Zeilen sind unverändert')).toBeVisible();
	await expect(page.getByRole('button', { name: /Werte importieren/ })).toHaveCount(0);
	await shot(page, 'dry-run-unchanged');
	await expectAccessible(page);

	const xlsx = await download(page, 'Werte exportieren', 'Excel (XLSX) herunterladen');
	await upload(
		page,
		xlsx.name,
		xlsx.bytes,
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
	await expect(page.getByRole('heading', { name: `Probelauf: ${xlsx.name}` })).toBeVisible();
	await expect(counts(page)).toContainText(`unverändert: ${rows}`);
	await expect(page.getByText(`${rows} Zeilen · Excel (XLSX)`)).toBeVisible();

	// In English: comma and decimal point, the same rows.
	await page.goto(`/en${IMPORT}`);
	const section = page.locator('section.card', {
		has: page.getByRole('heading', { name: 'Export values' })
	});
	const [english] = await Promise.all([
		page.waitForEvent('download'),
		section.getByRole('button', { name: 'Download CSV' }).click()
	]);
	const englishText = readFileSync((await english.path())!, 'utf8');
	expect(englishText.startsWith('\uFEFFCity,Field,KPI,Name,Unit,Year,Quarter,Value')).toBe(true);
	expect(englishText.trim().split('\r\n')).toHaveLength(rows + 1);
	await expectAccessible(page);
});

test('bad files show their messages and write no rows', async ({ page, browser }) => {
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto(IMPORT);
	const before = (await download(page, 'Werte exportieren', 'CSV herunterladen')).bytes;

	// Row errors, in Windows-1252 as old Excel versions save it.
	const bad =
		'Stadt;Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
		'duesseldorf;GEO-GIBTSNICHT;2026;3;1;\r\n' +
		'duesseldorf;GEO-FORTB;2026;3;zwölf;\r\n' +
		'duesseldorf;GEO-AUSK-DAUER;2026;3;3,5;Prüfung\r\n' +
		'duesseldorf;GEO-AUSK-DAUER;2026;3;3,6;Prüfung\r\n' +
		'koeln;GEO-AUSK-DAUER;2026;3;3,5;\r\n' +
		'duesseldorf;GEO-AUSK-DAUER;2025;2;1;geschlossen\r\n';
	await upload(page, 'fehler.csv', Buffer.from(bad, 'latin1'));
	await expect(page.getByRole('alert').filter({ hasText: 'Zeilen haben Fehler' })).toContainText(
		'5 Zeilen haben Fehler'
	);
	const table = page.getByRole('table', { name: /Ergebnis je Zeile/ });
	await expect(table).toContainText('Unbekannter Kennzahl-Code „GEO-GIBTSNICHT“.');
	await expect(table).toContainText('„zwölf“ ist keine Zahl.');
	await expect(table).toContainText(
		'Dieselbe Kennzahl und dasselbe Quartal stehen schon in Zeile 4.'
	);
	await expect(table).toContainText('Sie können nur Werte Ihrer eigenen Stadt liefern');
	await expect(table).toContainText('Q2/2025 ist geschlossen');
	await expect(page.getByRole('button', { name: /Werte importieren/ })).toHaveCount(0);
	await shot(page, 'dry-run-errors');
	await expectAccessible(page);

	// Unknown columns: the mapping step, then a dry run with the remembered mapping.
	await upload(page, 'spalten.csv', 'Indikator;Jahr;Periode;Ist\r\nGEO-FORTB;2026;3;0,5\r\n');
	await expect(page.getByRole('alert').first()).toContainText(
		'Unbekannte Spalten: „Indikator“, „Periode“'
	);
	await expect(page.getByRole('heading', { name: 'Spalten zuordnen' })).toBeVisible();
	await shot(page, 'mapping');
	await expectAccessible(page);
	await page.getByLabel('Bedeutung der Spalte „Indikator“').selectOption('kpi');
	await page.getByLabel('Bedeutung der Spalte „Periode“').selectOption('quarter');
	await page.getByRole('button', { name: 'Zuordnung speichern und prüfen' }).click();
	await expect(page.getByRole('heading', { name: 'Probelauf: spalten.csv' })).toBeVisible();
	await page.getByRole('button', { name: 'Verwerfen' }).click();
	await expect(page.getByText('Die hochgeladene Datei wurde verworfen.')).toBeVisible();

	// Not a table at all.
	await upload(
		page,
		'bild.csv',
		Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256))
	);
	await expect(page.getByRole('alert')).toContainText(
		'weder eine Textdatei (CSV) noch eine Excel-Datei'
	);
	await expect(page.getByRole('alert')).toContainText('Es wurde nichts gespeichert.');

	// 50 MB (Playwright takes files this large only from disk): refused in the browser before
	// uploading …
	const big = test.info().outputPath('gross.csv');
	writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x41));
	const pick = (p: Page) => p.getByLabel(/Datei \(CSV oder XLSX/).setInputFiles(big);
	const check = (p: Page) => p.getByRole('button', { name: 'Datei prüfen (Probelauf)' }).click();
	await pick(page);
	await check(page);
	await expect(page.getByRole('alert')).toContainText('Die Datei ist zu groß: höchstens 20 MB.');
	// … and by the server when the browser runs no JavaScript.
	const plain = await browser.newContext({ javaScriptEnabled: false });
	const noJs = await plain.newPage();
	await loginAs(noJs, demo.controllerDuesseldorf);
	await noJs.goto(IMPORT);
	await pick(noJs);
	await check(noJs);
	await expect(noJs.getByRole('alert')).toContainText('Die Datei ist zu groß: höchstens 20 MB.');
	await shot(noJs, 'too-large');
	await plain.close();

	const after = (await download(page, 'Werte exportieren', 'CSV herunterladen')).bytes;
	expect(after.equals(before)).toBe(true);
});

test('a good file imports all its rows at once and the values become drafts', async ({ page }) => {
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto(IMPORT);
	const template = await download(page, 'Vorlage für ein Quartal', 'CSV herunterladen', '2026-Q3');
	expect(template.name).toBe('ikz-vorlage-duesseldorf-geodaten-management-2026-Q3.csv');
	const lines = template.bytes.toString('utf8').trim().split('\r\n');
	// Every KPI of the scorecard; the values get a comment and GEO-FORTB a new value.
	const edited = lines
		.map((line, i) => {
			if (i === 0) return line;
			const cells = line.split(';');
			if (cells[2] === 'GEO-FORTB') cells[7] = '1,25';
			cells[8] = 'per Import geprüft';
			return cells.join(';');
		})
		.join('\r\n');
	await upload(page, 'vorlage.csv', Buffer.from(edited, 'utf8'));
	const changed = lines.length - 1;
	await expect(counts(page)).toContainText(`geändert: ${changed}`);
	await expect(page.getByRole('status').filter({ hasText: 'Bereit' })).toBeVisible();
	await shot(page, 'dry-run-ready');
	await page.getByRole('button', { name: `${changed} Werte importieren` }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Import abgeschlossen' })).toContainText(
		`${changed} geänderte Werte`
	);
	await shot(page, 'done');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Zur Erfassung' }).click();
	const row = page.locator('tbody tr', { hasText: 'GEO-FORTB' });
	await expect(row.locator('input[data-entry-value]')).toHaveValue('1,25');
	await expect(row.getByRole('textbox', { name: /Kommentar/ })).toHaveValue('per Import geprüft');

	// The same file again: nothing left to import.
	await page.goto(IMPORT);
	await upload(page, 'vorlage.csv', Buffer.from(edited, 'utf8'));
	await expect(counts(page)).toContainText(`unverändert: ${changed}`);
});

test("another city's export holds only released values, and it cannot import there", async ({
	page
}) => {
	await loginAs(page, demo.controllerDuesseldorf);
	// Köln's KFZ quarter 2026-Q3 is submitted, not released.
	await page.goto('/cities/koeln/kfz-zulassungswesen/import');
	await expect(page.getByText('Importieren dürfen die Controller:innen der Stadt')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Datei prüfen (Probelauf)' })).toHaveCount(0);
	const file = await download(page, 'Werte exportieren', 'CSV herunterladen');
	const text = file.bytes.toString('utf8');
	expect(text).toContain(';2026;2;');
	expect(text).not.toContain(';2026;3;');
	expect(text).not.toContain('eingereicht');
	await expectAccessible(page);
	const refused = await page.request.post('/cities/koeln/kfz-zulassungswesen/import?/upload', {
		headers: { origin: new URL(page.url()).origin },
		multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('a') } }
	});
	expect(refused.status()).toBe(403);
});

test('a spreadsheet error or an empty cell never deletes a stored value; Windows-1252 reads as written', async ({
	page
}) => {
	// Two uploads, an import and two visits to the entry grid.
	test.slow();
	await loginAs(page, demo.controllerDuesseldorf);
	await page.goto(ENTRY);
	const gridRow = (code: string) => page.locator('tbody tr', { hasText: code });
	const entered = async (code: string) => ({
		value: await gridRow(code).locator('input[data-entry-value]').inputValue(),
		comment: await gridRow(code)
			.getByRole('textbox', { name: /Kommentar/ })
			.inputValue()
	});
	const before = { fortf3m: await entered('GEO-FORTF3M'), fortb: await entered('GEO-FORTB') };
	expect(before.fortf3m.value).not.toBe('');
	expect(before.fortb.value).not.toBe('');

	// As Excel or LibreOffice save =1/0, a formula a program wrote without computing it, a
	// quarter that is none, and an empty value cell.
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Werte');
	sheet.addRow(['Kennzahl', 'Jahr', 'Quartal', 'Wert', 'Kommentar']);
	sheet.addRow(['GEO-FORTB', 2026, 3, { formula: '1/0', result: { error: '#DIV/0!' } }, '']);
	sheet.addRow(['GEO-AUSK-DAUER', 2026, 3, { formula: 'D2*2' }, '']);
	sheet.addRow(['GEO-DIENST-ABRUF', 2026, 'Q5', 100, '']);
	sheet.addRow(['GEO-FORTF3M', 2026, 3, null, null]);
	await page.goto(IMPORT);
	await upload(
		page,
		'formeln.xlsx',
		Buffer.from(await workbook.xlsx.writeBuffer()),
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
	await expect(page.getByRole('alert').filter({ hasText: 'Zeilen haben Fehler' })).toContainText(
		'3 Zeilen haben Fehler'
	);
	const table = page.getByRole('table', { name: /Ergebnis je Zeile/ });
	await expect(table.locator('tr', { hasText: 'GEO-FORTB' })).toContainText(
		'Die Formel in Zelle D2 (Wert, „=1/0“) ergibt einen Fehler wie #DIV/0!'
	);
	await expect(table.locator('tr', { hasText: 'GEO-AUSK-DAUER' })).toContainText(
		'hat kein berechnetes Ergebnis'
	);
	await expect(table.locator('tr', { hasText: 'GEO-DIENST-ABRUF' })).toContainText(
		'Jahr „2026“, Quartal „Q5“'
	);
	await expect(page.getByRole('button', { name: /Werte importieren/ })).toHaveCount(0);
	await shot(page, 'dry-run-formulas');
	await expectAccessible(page);
	// The empty value cell is no error and no deletion: its row is unchanged, and says why.
	await expect(page.getByRole('status').filter({ hasText: 'leerer Wertzelle' })).toContainText(
		'1 Zeilen mit leerer Wertzelle: Die gespeicherten Werte und Kommentare bleiben unverändert.'
	);
	await page
		.getByRole('navigation', { name: 'Zeilen filtern' })
		.getByRole('link', { name: /unverändert/ })
		.click();
	await expect(table.locator('tr', { hasText: 'GEO-FORTF3M' })).toContainText(
		'Wertzelle leer: Der gespeicherte Wert bleibt.'
	);

	// German Excel's "CSV (Trennzeichen-getrennt)": Windows-1252 with € „ “ – … ß.
	const comment = '„Stichprobe“ – 3,99 € je Auskunft … Straße';
	const ansi =
		'Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
		`GEO-AUSK-DAUER;2026;3;3,6;${comment}\r\n` +
		'GEO-FORTF3M;2026;3;;\r\n';
	await upload(page, 'ansi.csv', iconv.encode(ansi, 'win1252'));
	await expect(page.getByRole('heading', { name: 'Probelauf: ansi.csv' })).toBeVisible();
	await expect(page.getByText('WINDOWS-1252')).toBeVisible();
	await expect(counts(page)).toContainText('geändert: 1');
	await expect(counts(page)).toContainText('unverändert: 1');
	await expect(page.getByRole('status').filter({ hasText: 'leerer Wertzelle' })).toContainText(
		'1 Zeilen mit leerer Wertzelle'
	);
	await expect(table.locator('tr', { hasText: 'GEO-AUSK-DAUER' })).toContainText(comment);
	await shot(page, 'dry-run-ansi');
	await expectAccessible(page);
	await page.getByRole('button', { name: '1 Werte importieren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Import abgeschlossen' })).toContainText(
		'1 geänderte Werte'
	);

	await page.goto(ENTRY);
	expect(await entered('GEO-FORTF3M')).toEqual(before.fortf3m);
	expect(await entered('GEO-FORTB')).toEqual(before.fortb);
	expect(await entered('GEO-AUSK-DAUER')).toEqual({ value: '3,6', comment });
});
