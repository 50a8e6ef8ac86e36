import { describe, expect, it } from 'vitest';
import { csvText } from './csv-text';

describe('csvText', () => {
	const rows = [
		['Köln', 1234.5, '=1+1'],
		['Bonn; Rhein', null, 'ok']
	];

	it('writes German Excel CSV: BOM, semicolons, decimal commas, CRLF, guarded formulas', () => {
		expect(csvText(['Stadt', 'Wert', 'Notiz'], rows, { locale: 'de' })).toBe(
			'\uFEFFStadt;Wert;Notiz\r\nKöln;1234,5;\'=1+1\r\n"Bonn; Rhein";;ok\r\n'
		);
	});

	it('writes English Excel CSV with commas and decimal points', () => {
		expect(csvText(['City', 'Value', 'Note'], rows, { locale: 'en' })).toBe(
			"\uFEFFCity,Value,Note\r\nKöln,1234.5,'=1+1\r\nBonn; Rhein,,ok\r\n"
		);
	});

	it('keeps a delimiter the file format fixes', () => {
		expect(csvText(['a'], [[0.5]], { locale: 'en', delimiter: ';' })).toBe('\uFEFFa\r\n0.5\r\n');
	});
});
