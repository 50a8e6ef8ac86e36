/** Numbers and KPI values as people write them in the active locale (1.234,5 in German). */
import { numberFormatter as formatter } from './intl';
import type { AppLocale } from './intl';

export type { AppLocale };
export type KpiUnit =
	'percent' | 'days' | 'hours' | 'minutes' | 'seconds' | 'euro' | 'count' | 'ratio';

const intlUnit: Partial<Record<KpiUnit, string>> = {
	percent: 'percent',
	days: 'day',
	hours: 'hour',
	minutes: 'minute',
	seconds: 'second'
};

/** A number rounded to `decimals` decimals, grouped: 1234.5 → "1.234,5" in German. */
export function formatNumber(value: number, locale: AppLocale, decimals = 0): string {
	return formatter(locale, {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	}).format(value);
}

/** A KPI value with its unit, e.g. "75,3 %", "12,5 Tage", "1.234 €". */
export function formatKpiValue(
	value: number,
	unit: KpiUnit,
	decimals: number,
	locale: AppLocale
): string {
	const digits = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
	if (unit === 'euro') {
		return formatter(locale, { style: 'currency', currency: 'EUR', ...digits }).format(value);
	}
	const measure = intlUnit[unit];
	if (measure) {
		// "75,3 %" rather than "75,3 Prozent"; time units written out ("12,5 Tage").
		const unitDisplay = unit === 'percent' ? 'short' : 'long';
		return formatter(locale, { style: 'unit', unit: measure, unitDisplay, ...digits }).format(
			value
		);
	}
	return formatter(locale, digits).format(value);
}

/**
 * A number exactly as stored (up to six decimals, no trailing zeros), grouped: 1234.5678 →
 * "1.234,5678". For values whose KPI and thus decimals are not known yet (the import's dry run).
 */
export const formatExactNumber = (value: number, locale: AppLocale): string =>
	formatter(locale, { maximumFractionDigits: 6 }).format(value);
