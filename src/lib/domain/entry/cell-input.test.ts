import { describe, expect, it } from 'vitest';
import type { KpiUnit } from '../../format/number';
import { formatCellValue, hasAtMostDecimals, readCellValue, readKpiValue } from './cell-input';

const value = (v: number | null) => ({ ok: true, value: v });
const notANumber = { ok: false, problem: 'not_a_number' };
const tooManyDigits = { ok: false, problem: 'too_many_digits' };

describe('readCellValue', () => {
	it('reads empty and blank input as no value, never as 0', () => {
		expect(readCellValue('', 'count', 'de')).toEqual(value(null));
		expect(readCellValue('   ', 'percent', 'de')).toEqual(value(null));
		expect(readCellValue('\u00a0\t', 'euro', 'en')).toEqual(value(null));
		expect(readCellValue('0', 'count', 'de')).toEqual(value(0));
	});

	it('reads German numbers as typed or pasted from Excel', () => {
		expect(readCellValue('1.234,5', 'count', 'de')).toEqual(value(1234.5));
		expect(readCellValue('12,5', 'ratio', 'de')).toEqual(value(12.5));
		expect(readCellValue('  42 ', 'count', 'de')).toEqual(value(42));
		expect(readCellValue('1\u00a0234,5', 'count', 'de')).toEqual(value(1234.5));
		expect(readCellValue('\u00a012,5\u00a0', 'ratio', 'de')).toEqual(value(12.5));
		expect(readCellValue('\u22122', 'euro', 'de')).toEqual(value(-2));
		expect(readCellValue('-0,25', 'ratio', 'de')).toEqual(value(-0.25));
	});

	it('reads English numbers', () => {
		expect(readCellValue('1,234.5', 'count', 'en')).toEqual(value(1234.5));
		expect(readCellValue('12.5', 'ratio', 'en')).toEqual(value(12.5));
	});

	it('refuses ambiguous and foreign-locale numbers rather than guessing', () => {
		expect(readCellValue('12.5', 'ratio', 'de')).toEqual(notANumber);
		expect(readCellValue('1.234,5', 'count', 'en')).toEqual(notANumber);
		expect(readCellValue('12,34', 'ratio', 'en')).toEqual(notANumber);
	});

	it('refuses what is not a number', () => {
		expect(readCellValue('abc', 'count', 'de')).toEqual(notANumber);
		expect(readCellValue('12a', 'count', 'de')).toEqual(notANumber);
		expect(readCellValue('%', 'percent', 'de')).toEqual(notANumber);
		expect(readCellValue('€', 'euro', 'de')).toEqual(notANumber);
		expect(readCellValue('–', 'count', 'de')).toEqual(notANumber);
		expect(readCellValue('1e5', 'count', 'en')).toEqual(notANumber);
	});

	it('accepts the percent sign with or without a space', () => {
		expect(readCellValue('12,5 %', 'percent', 'de')).toEqual(value(12.5));
		expect(readCellValue('12,5%', 'percent', 'de')).toEqual(value(12.5));
		expect(readCellValue('12,5\u00a0%', 'percent', 'de')).toEqual(value(12.5));
		expect(readCellValue('-12.5%', 'percent', 'en')).toEqual(value(-12.5));
	});

	it('accepts euro after the number, and before it as English writes it', () => {
		expect(readCellValue('1.234 €', 'euro', 'de')).toEqual(value(1234));
		expect(readCellValue('-1.234,50\u00a0€', 'euro', 'de')).toEqual(value(-1234.5));
		expect(readCellValue('1.234,50 EUR', 'euro', 'de')).toEqual(value(1234.5));
		expect(readCellValue('€1,234.50', 'euro', 'en')).toEqual(value(1234.5));
		expect(readCellValue('-€1,234.50', 'euro', 'en')).toEqual(value(-1234.5));
		expect(readCellValue('€ 5', 'euro', 'de')).toEqual(value(5));
	});

	it('accepts time units in German and English, singular, plural and short', () => {
		const cases: [string, KpiUnit, number][] = [
			['3,5 Tage', 'days', 3.5],
			['1 Tag', 'days', 1],
			['3,5 days', 'days', 3.5],
			['3,5d', 'days', 3.5],
			['2 Std.', 'hours', 2],
			['2 Stunden', 'hours', 2],
			['2 hrs', 'hours', 2],
			['2h', 'hours', 2],
			['90 Min.', 'minutes', 90],
			['90 minutes', 'minutes', 90],
			['30 Sekunden', 'seconds', 30],
			['30 secs', 'seconds', 30],
			['30 s', 'seconds', 30]
		];
		for (const [input, unit, expected] of cases) {
			expect(readCellValue(input, unit, 'de'), input).toEqual(value(expected));
		}
		expect(readCellValue('3.5 days', 'days', 'en')).toEqual(value(3.5));
	});

	it("refuses a unit that is not the KPI's own", () => {
		expect(readCellValue('12 %', 'euro', 'de')).toEqual(notANumber);
		expect(readCellValue('12 €', 'percent', 'de')).toEqual(notANumber);
		expect(readCellValue('3 Tage', 'hours', 'de')).toEqual(notANumber);
		expect(readCellValue('3 %', 'count', 'de')).toEqual(notANumber);
		expect(readCellValue('€5', 'ratio', 'en')).toEqual(notANumber);
		expect(readCellValue('5 € %', 'percent', 'de')).toEqual(notANumber);
	});

	it('accepts what fits numeric(24,6): 18 digits before and 6 after the separator', () => {
		expect(readCellValue('123456789012345678', 'count', 'de')).toMatchObject({ ok: true });
		expect(readCellValue('1234567890123456789', 'count', 'de')).toEqual(tooManyDigits);
		expect(readCellValue('123.456.789.012.345.678.901', 'euro', 'de')).toEqual(tooManyDigits);
		expect(readCellValue('0,123456', 'ratio', 'de')).toEqual(value(0.123456));
		expect(readCellValue('0,1234567', 'ratio', 'de')).toEqual(tooManyDigits);
		expect(readCellValue('0.1234567 %', 'percent', 'en')).toEqual(tooManyDigits);
	});

	it('does not count leading zeros of the whole part or trailing zeros of the fraction', () => {
		expect(readCellValue('0000000000000000000001', 'count', 'de')).toEqual(value(1));
		expect(readCellValue('1,500000000', 'ratio', 'de')).toEqual(value(1.5));
	});
});

describe('formatCellValue', () => {
	it('writes a saved value back with thousands separators, locale separator, no trailing zeros', () => {
		expect(formatCellValue(1234.5, 'de')).toBe('1.234,5');
		expect(formatCellValue(1234.5, 'en')).toBe('1,234.5');
		expect(formatCellValue(1234567, 'de')).toBe('1.234.567');
		expect(formatCellValue(-1234567.25, 'de')).toBe('-1.234.567,25');
		expect(formatCellValue(999, 'de')).toBe('999');
		expect(formatCellValue(12.5, 'de')).toBe('12,5');
		expect(formatCellValue(-3.25, 'de')).toBe('-3,25');
		expect(formatCellValue(0.1234567, 'de')).toBe('0,123457');
		expect(formatCellValue(-0, 'de')).toBe('0');
	});

	it('writes what readCellValue reads back', () => {
		for (const v of [0, 1, -1, 0.5, 12.5, 1234.5, -1234.567891, 99.999999, 1e12]) {
			for (const locale of ['de', 'en'] as const) {
				expect(readCellValue(formatCellValue(v, locale), 'ratio', locale)).toEqual(value(v));
			}
		}
	});
});

describe('hasAtMostDecimals', () => {
	it('refuses more decimals than the KPI keeps; trailing zeros do not count', () => {
		expect(hasAtMostDecimals(89.5, 0)).toBe(false);
		expect(hasAtMostDecimals(89, 0)).toBe(true);
		expect(hasAtMostDecimals(89.0, 0)).toBe(true);
		expect(hasAtMostDecimals(70.25, 1)).toBe(false);
		expect(hasAtMostDecimals(70.2, 1)).toBe(true);
		expect(hasAtMostDecimals(-0.05, 2)).toBe(true);
		expect(hasAtMostDecimals(1234567.1234, 4)).toBe(true);
		expect(hasAtMostDecimals(0.1 + 0.2, 2)).toBe(false);
	});
});

describe('readKpiValue', () => {
	it('refuses more decimals than the KPI keeps, never rounds', () => {
		const tooMany = { ok: false, problem: 'too_many_decimals' };
		expect(readKpiValue('12,34', 'percent', 1, 'de')).toEqual(tooMany);
		expect(readKpiValue('7.5', 'count', 0, 'en')).toEqual(tooMany);
		expect(readKpiValue('12,3', 'percent', 1, 'de')).toEqual(value(12.3));
		expect(readKpiValue('12,30', 'percent', 1, 'de')).toEqual(value(12.3));
		expect(readKpiValue('', 'count', 0, 'de')).toEqual(value(null));
	});

	it('reports a number it cannot read before counting decimals', () => {
		expect(readKpiValue('zwölf', 'count', 0, 'de')).toEqual(notANumber);
	});
});
