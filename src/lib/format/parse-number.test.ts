import { describe, expect, it } from 'vitest';
import {
	formatNumberInput,
	fractionDigits,
	numberSeparators,
	parseLocaleNumber
} from './parse-number';

describe('numberSeparators', () => {
	it('takes the separators from Intl', () => {
		expect(numberSeparators('de')).toEqual({ group: '.', decimal: ',' });
		expect(numberSeparators('en')).toEqual({ group: ',', decimal: '.' });
	});
});

describe('parseLocaleNumber', () => {
	it('reads German numbers', () => {
		expect(parseLocaleNumber('75', 'de')).toBe(75);
		expect(parseLocaleNumber('12,5', 'de')).toBe(12.5);
		expect(parseLocaleNumber('1.234,5', 'de')).toBe(1234.5);
		expect(parseLocaleNumber('1.234.567', 'de')).toBe(1234567);
		expect(parseLocaleNumber('-3,25', 'de')).toBe(-3.25);
		expect(parseLocaleNumber('\u22123,25', 'de')).toBe(-3.25);
		expect(parseLocaleNumber(',5', 'de')).toBe(0.5);
		expect(parseLocaleNumber(' 1 234,5 ', 'de')).toBe(1234.5);
		expect(parseLocaleNumber('1\u00a0234', 'de')).toBe(1234);
		expect(parseLocaleNumber('-0', 'de')).toBe(0);
	});

	it('reads English numbers', () => {
		expect(parseLocaleNumber('75', 'en')).toBe(75);
		expect(parseLocaleNumber('12.5', 'en')).toBe(12.5);
		expect(parseLocaleNumber('1,234.5', 'en')).toBe(1234.5);
		expect(parseLocaleNumber('+7', 'en')).toBe(7);
	});

	it('refuses what the locale does not write, rather than guessing', () => {
		// "12.5" typed in the German form: not a German number (1.5 groups need three digits).
		expect(parseLocaleNumber('12.5', 'de')).toBeNull();
		expect(parseLocaleNumber('12,5', 'en')).toBeNull();
		expect(parseLocaleNumber('1.23,4', 'de')).toBeNull();
		expect(parseLocaleNumber('1,2,3', 'de')).toBeNull();
		expect(parseLocaleNumber('5,', 'de')).toBeNull();
		expect(parseLocaleNumber('', 'de')).toBeNull();
		expect(parseLocaleNumber('  ', 'en')).toBeNull();
		expect(parseLocaleNumber('-', 'en')).toBeNull();
		expect(parseLocaleNumber('abc', 'en')).toBeNull();
		expect(parseLocaleNumber('1e5', 'en')).toBeNull();
		expect(parseLocaleNumber('0x10', 'en')).toBeNull();
		expect(parseLocaleNumber('75 %', 'de')).toBeNull();
	});

	it('counts typed decimals', () => {
		expect(fractionDigits('1.234,50', 'de')).toBe(2);
		expect(fractionDigits('1.234', 'de')).toBe(0);
		expect(fractionDigits('0.1234567', 'en')).toBe(7);
	});
});

describe('formatNumberInput', () => {
	it('writes numbers for a form field and reads them back', () => {
		expect(formatNumberInput(1234.5, 'de')).toBe('1234,5');
		expect(formatNumberInput(1234.5, 'en')).toBe('1234.5');
		expect(formatNumberInput(-0.125, 'de')).toBe('-0,125');
		expect(formatNumberInput(75, 'de')).toBe('75');
		expect(formatNumberInput(null, 'de')).toBe('');
		for (const value of [0, 3.5, -12.25, 1234567.123456]) {
			for (const locale of ['de', 'en'] as const) {
				expect(parseLocaleNumber(formatNumberInput(value, locale), locale)).toBe(value);
			}
		}
	});
});
