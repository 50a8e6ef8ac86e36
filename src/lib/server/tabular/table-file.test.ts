import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { tableFile } from './table-file';

const table = {
	headers: ['Stadt', 'Wert'],
	rows: [
		['Köln', 1234.5],
		['=HYPERLINK("x")', null]
	],
	sheetName: 'Vergleich',
	baseName: 'vergleich'
};

describe('tableFile', () => {
	it('writes German Excel CSV: BOM, semicolons, decimal comma, CRLF, formulas disarmed', async () => {
		const file = await tableFile(table, 'csv', 'de');
		expect(file.body).toBe('\uFEFFStadt;Wert\r\nKöln;1234,5\r\n"\'=HYPERLINK(""x"")";\r\n');
		expect(file.fileName).toBe('vergleich.csv');
	});

	it('writes English CSV with commas and decimal points', async () => {
		const file = await tableFile(table, 'csv', 'en');
		expect(file.body).toBe('\uFEFFStadt,Wert\r\nKöln,1234.5\r\n"\'=HYPERLINK(""x"")",\r\n');
	});

	it('writes XLSX with real number cells', async () => {
		const file = await tableFile(table, 'xlsx', 'de');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Vergleich')!;
		expect(sheet.getCell('A2').value).toBe('Köln');
		expect(sheet.getCell('B2').value).toBe(1234.5);
	});
});
