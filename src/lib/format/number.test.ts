import { describe, expect, it } from 'vitest';
import { formatExactNumber, formatKpiValue, formatNumber } from './number';

// Intl uses a narrow no-break space between number and unit in some locales.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatNumber', () => {
	it('writes numbers as Germans do', () => {
		expect(formatNumber(1234.5, 'de', 1)).toBe('1.234,5');
		expect(formatNumber(1017355, 'de')).toBe('1.017.355');
	});

	it('writes numbers as the English locale does', () => {
		expect(formatNumber(1234.5, 'en', 1)).toBe('1,234.5');
	});
});

describe('formatKpiValue', () => {
	it('adds the unit in the active language', () => {
		expect(plain(formatKpiValue(75.34, 'percent', 1, 'de'))).toBe('75,3 %');
		expect(plain(formatKpiValue(12.5, 'days', 1, 'de'))).toBe('12,5 Tage');
		expect(plain(formatKpiValue(1234567, 'euro', 0, 'de'))).toBe('1.234.567 €');
		expect(plain(formatKpiValue(75.34, 'percent', 1, 'en'))).toBe('75.3%');
		expect(plain(formatKpiValue(1234567, 'euro', 0, 'en'))).toBe('€1,234,567');
		expect(plain(formatKpiValue(12.5, 'days', 1, 'en'))).toBe('12.5 days');
		expect(plain(formatKpiValue(1234.56, 'count', 2, 'en'))).toBe('1,234.56');
	});

	it('rounds to the decimals of the definition', () => {
		expect(plain(formatKpiValue(2.345, 'ratio', 1, 'de'))).toBe('2,3');
	});
});

describe('formatExactNumber', () => {
	it('writes a value as stored, grouped, up to six decimals', () => {
		expect(formatExactNumber(1234.5, 'de')).toBe('1.234,5');
		expect(formatExactNumber(1234567.125, 'de')).toBe('1.234.567,125');
		expect(formatExactNumber(0.1234567, 'de')).toBe('0,123457');
		expect(formatExactNumber(-1234.5, 'en')).toBe('-1,234.5');
		expect(formatExactNumber(42, 'en')).toBe('42');
	});
});
