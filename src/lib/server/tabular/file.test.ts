import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from './decode';
import { parseCsv } from './csv';
import { assignColumns, mappingFromChoices, normaliseHeader } from '../../domain/delivery/columns';
import { quarterOf } from '../../domain/delivery/rows';
import { parseDeliveryFile, type ParseOptions } from './file';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 for the Latin-1 range (enough for German umlauts and ß). */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

const options: ParseOptions = {
	defaults: { city: 'koeln', field: 'archivierung' },
	userLocale: 'de',
	numberFormat: 'auto'
};

const german =
	'Stadt;Handlungsfeld;Kennzahl;Bezeichnung;Jahr;Quartal;Wert;Kommentar\r\n' +
	'koeln;archivierung;ARCH-DIGITAL;Digitalisate;2026;3;1.234,5;"Umzug; Magazin"\r\n' +
	'Köln;;ARCH-ERSCHL;Erschließung;2026;Q3;78,4 %;Prüfung läuft\r\n';

describe('Windows-1252 as German Excel saves it', () => {
	// € „ “ – … are the bytes 0x80–0x9F, which a Latin-1 reading turns into control characters.
	const text =
		'Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
		'BH-KOSTEN-EW;2026;3;3,99 €;„Stichprobe“ – vorläufig … Straße\r\n';
	const bytes = new Uint8Array(iconv.encode(text, 'win1252'));

	it('gives the planner the euro value and the comment as written', async () => {
		const parsed = await parseDeliveryFile(bytes, options);
		expect(parsed.ok && parsed.rows[0]).toMatchObject({
			raw: { text: '3,99 €', locale: 'de' },
			comment: '„Stichprobe“ – vorläufig … Straße'
		});
	});
});

describe('CSV', () => {
	it('takes the delimiter from the header and keeps quoted delimiters and CRLF', () => {
		const csv = parseCsv(german);
		expect(csv).toMatchObject({ ok: true, delimiter: ';' });
		if (!csv.ok) return;
		expect(csv.table.rows[0]!.cells[7]).toBe('Umzug; Magazin');
		expect(csv.table.rows.map((r) => r.line)).toEqual([2, 3]);
		const english = parseCsv('City,KPI,Year,Quarter,Value\nkoeln,ARCH-DIGITAL,2026,3,"1,234.5"\n');
		expect(english).toMatchObject({ ok: true, delimiter: ',' });
	});

	it('keeps spreadsheet row numbers across blank lines and names an open quote', () => {
		const csv = parseCsv('Kennzahl;Wert\n\nA;1\n;\nB;2\n');
		expect(csv.ok && csv.table.rows.map((r) => r.line)).toEqual([3, 5]);
		expect(parseCsv('Kennzahl;Wert\nA;"1\n')).toMatchObject({
			ok: false,
			problem: 'csv_malformed'
		});
	});
});

describe('columns', () => {
	it('recognises German and English headers and ignores the informative ones', () => {
		const a = assignColumns([
			'Stadt',
			'Kennzahl',
			'Bezeichnung',
			'Einheit',
			'Jahr',
			'Quartal',
			'Wert'
		]);
		expect(a.problems).toEqual([]);
		expect(a.index).toMatchObject({ city: 0, kpi: 1, year: 4, quarter: 5, value: 6 });
		const b = assignColumns([
			'City',
			'Field',
			'KPI',
			'Year',
			'Quarter',
			'Value',
			'Comment',
			'State'
		]);
		expect(b.problems).toEqual([]);
		expect(normaliseHeader(' Begründung ')).toBe('begruendung');
	});

	it('reports missing, unknown and doubled columns, and a saved mapping resolves them', () => {
		const header = ['Indikator', 'Jahr', 'Periode', 'Ist', 'Wert', 'Farbe'];
		const a = assignColumns(header);
		expect(a.problems).toEqual([
			{ problem: 'unknown_columns', columns: ['Indikator', 'Periode', 'Farbe'] },
			{ problem: 'missing_columns', columns: ['kpi', 'quarter'] },
			{ problem: 'duplicate_columns', columns: ['Ist', 'Wert'] }
		]);
		const saved = mappingFromChoices(header, [
			'kpi',
			'year',
			'quarter',
			'value',
			'ignore',
			'ignore'
		]);
		expect(assignColumns(header, saved).problems).toEqual([]);
	});
});

describe('quarter cells', () => {
	it('reads the spellings controllers use', () => {
		expect(quarterOf(3)).toEqual({ quarter: 3, year: null });
		expect(quarterOf('Q3')).toEqual({ quarter: 3, year: null });
		expect(quarterOf('3. Quartal')).toEqual({ quarter: 3, year: null });
		expect(quarterOf('2026-Q3')).toEqual({ quarter: 3, year: 2026 });
		expect(quarterOf('Q3/2026')).toEqual({ quarter: 3, year: 2026 });
		expect(quarterOf('drittes').quarter).toBeNaN();
	});
});

describe('parseDeliveryFile', () => {
	it('turns a German Excel CSV into rows with text values for the planner', async () => {
		const parsed = await parseDeliveryFile(cp1252(german), options);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.facts).toMatchObject({
			kind: 'csv',
			encoding: 'windows-1252',
			numberLocale: 'de'
		});
		expect(parsed.rows[0]).toEqual({
			line: 2,
			city: 'koeln',
			field: 'archivierung',
			kpi: 'ARCH-DIGITAL',
			year: 2026,
			quarter: 3,
			value: null,
			comment: 'Umzug; Magazin',
			raw: { text: '1.234,5', locale: 'de' }
		});
		// An empty field cell falls back to the scorecard's field.
		expect(parsed.rows[1]).toMatchObject({ city: 'Köln', field: 'archivierung', quarter: 3 });
	});

	it('reads an English CSV with decimal points', async () => {
		const parsed = await parseDeliveryFile(
			utf8('KPI,Year,Quarter,Value\r\nARCH-DIGITAL,2026,3,1234.5\r\n'),
			options
		);
		expect(parsed.ok && parsed.rows[0]).toMatchObject({
			city: 'koeln',
			raw: { text: '1234.5', locale: 'en' }
		});
	});

	it('refuses empty, oversized, binary and .xls files with a file-level problem', async () => {
		expect(await parseDeliveryFile(new Uint8Array(), options)).toMatchObject({
			ok: false,
			problems: [{ problem: 'empty' }]
		});
		expect(await parseDeliveryFile(utf8('Kennzahl;Jahr;Quartal;Wert\r\n'), options)).toMatchObject({
			problems: [{ problem: 'no_rows' }]
		});
		const big = new Uint8Array(MAX_FILE_BYTES + 1);
		expect(await parseDeliveryFile(big, options)).toMatchObject({
			problems: [{ problem: 'too_large', maxBytes: MAX_FILE_BYTES }]
		});
		const junk = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256);
		expect(await parseDeliveryFile(junk, options)).toMatchObject({
			problems: [{ problem: 'binary' }]
		});
		expect(
			await parseDeliveryFile(
				Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
				options
			)
		).toMatchObject({ problems: [{ problem: 'xls_unsupported' }] });
	});

	it('stops at the row limit', async () => {
		const text = 'Kennzahl;Jahr;Quartal;Wert\n' + 'A;2026;1;1\n'.repeat(11);
		expect(await parseDeliveryFile(utf8(text), { ...options, maxRows: 10 })).toMatchObject({
			problems: [{ problem: 'too_many_rows', max: 10 }]
		});
	});

	it('reads the first worksheet of an XLSX, numbers as numbers', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Werte');
		sheet.addRow(['Stadt', 'Kennzahl', 'Jahr', 'Quartal', 'Wert', 'Kommentar']);
		sheet.addRow([
			5315000,
			'ARCH-DIGITAL',
			2026,
			3,
			0.1 + 0.2,
			{ richText: [{ text: 'a' }, { text: 'b' }] }
		]);
		sheet.addRow([]);
		sheet.addRow(['koeln', 'ARCH-ERSCHL', 2026, 'Q3', '78,4', null]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const parsed = await parseDeliveryFile(bytes, options);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.facts.kind).toBe('xlsx');
		expect(parsed.rows).toEqual([
			{
				line: 2,
				city: '05315000',
				field: 'archivierung',
				kpi: 'ARCH-DIGITAL',
				year: 2026,
				quarter: 3,
				value: 0.3,
				comment: 'ab'
			},
			{
				line: 4,
				city: 'koeln',
				field: 'archivierung',
				kpi: 'ARCH-ERSCHL',
				year: 2026,
				quarter: 3,
				value: null,
				comment: '',
				raw: { text: '78,4', locale: 'de' }
			}
		]);
	});

	it('marks spreadsheet errors and formulas without a result, and reads a cached 0', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Werte');
		sheet.addRow(['Kennzahl', 'Jahr', 'Quartal', 'Wert', 'Kommentar']);
		// What Excel and LibreOffice save for =1/0, what generators write without computing, …
		sheet.addRow(['ARCH-DIGITAL', 2026, 3, { formula: '1/0', result: { error: '#DIV/0!' } }, 'x']);
		sheet.addRow(['ARCH-ERSCHL', 2026, 3, { formula: 'D2*2' }, '']);
		// … an error typed or pasted as a value, and a formula whose result is 0.
		sheet.addRow(['ARCH-MAGAZIN', 2026, 3, 80, { error: '#N/A' }]);
		sheet.addRow(['ARCH-FACHQUAL', 2026, 3, { formula: 'D4-D4', result: 0 }, '']);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const parsed = await parseDeliveryFile(bytes, options);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const [divided, uncomputed, pasted, zero] = parsed.rows;
		expect(divided!.fault).toEqual({
			column: 'value',
			fault: 'error',
			cell: 'D2',
			code: null,
			formula: '1/0'
		});
		expect(uncomputed!.fault).toEqual({
			column: 'value',
			fault: 'uncomputed',
			cell: 'D3',
			formula: 'D2*2'
		});
		expect(pasted!.fault).toEqual({
			column: 'comment',
			fault: 'error',
			cell: 'E4',
			code: '#N/A',
			formula: null
		});
		expect(zero).toMatchObject({ kpi: 'ARCH-FACHQUAL', value: 0, comment: '' });
		expect(zero!.fault).toBeUndefined();
		expect(zero!.blank).toBeUndefined();
	});

	it('marks an empty value cell as empty, and keeps a bad quarter as written', async () => {
		const parsed = await parseDeliveryFile(
			utf8('Kennzahl;Jahr;Quartal;Wert\r\nA;2026;3;\r\nB;2026;3,5;1\r\nC;;Q3;1\r\n'),
			options
		);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.rows[0]).toMatchObject({ value: null, blank: true });
		expect(parsed.rows[0]!.raw).toBeUndefined();
		expect(parsed.rows[1]!.written).toEqual({ year: '2026', quarter: '3,5' });
		expect(parsed.rows[2]!.written).toEqual({ year: '', quarter: 'Q3' });
		expect(parsed.rows[0]!.written).toBeUndefined();
	});

	it('calls a damaged XLSX unreadable', async () => {
		const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...utf8('kaputt'.repeat(50))]);
		expect(await parseDeliveryFile(bytes, options)).toMatchObject({
			problems: [{ problem: 'xlsx_unreadable' }]
		});
	});
});
