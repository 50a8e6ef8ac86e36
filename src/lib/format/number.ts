/** Numbers, KPI values and dates as people write them in the active locale (1.234,5 in German). */
export type AppLocale = 'de' | 'en';
export type KpiUnit =
	'percent' | 'days' | 'hours' | 'minutes' | 'seconds' | 'euro' | 'count' | 'ratio';

const intlLocale: Record<AppLocale, string> = { de: 'de-DE', en: 'en-GB' };

const intlUnit: Partial<Record<KpiUnit, string>> = {
	percent: 'percent',
	days: 'day',
	hours: 'hour',
	minutes: 'minute',
	seconds: 'second'
};

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: AppLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options)}`;
	let f = cache.get(key);
	if (!f) {
		f = new Intl.NumberFormat(intlLocale[locale], options);
		cache.set(key, f);
	}
	return f;
}

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

export function formatDate(isoDate: string, locale: AppLocale): string {
	return new Intl.DateTimeFormat(intlLocale[locale], {
		dateStyle: 'medium',
		timeZone: 'UTC'
	}).format(new Date(`${isoDate}T00:00:00Z`));
}
