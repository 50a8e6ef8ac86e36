import { describe, expect, it } from 'vitest';
import { dateFormatter, numberFormatter } from './intl';

describe('Intl formatters', () => {
	it('are built once per locale and format, then reused', () => {
		const options = { dateStyle: 'medium', timeZone: 'UTC' } as const;
		expect(dateFormatter('de', options)).toBe(dateFormatter('de', { ...options }));
		expect(dateFormatter('de', options)).not.toBe(dateFormatter('en', options));
		expect(numberFormatter('de', { maximumFractionDigits: 6 })).toBe(
			numberFormatter('de', { maximumFractionDigits: 6 })
		);
	});

	it('write German as in Germany and English as in Britain', () => {
		expect(numberFormatter('de', {}).format(1234.5)).toBe('1.234,5');
		expect(numberFormatter('en', {}).format(1234.5)).toBe('1,234.5');
		const date = new Date('2026-09-30T00:00:00Z');
		expect(dateFormatter('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(date)).toBe(
			'30 Sept 2026'
		);
	});
});
