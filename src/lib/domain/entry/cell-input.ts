/**
 * What a controller types or pastes (from Excel) into a cell of the entry grid, read as a KPI
 * value. Pure: the grid, the CSV import and the server action use the same rule.
 *
 * - Empty or only spaces: no value (null), which is not 0.
 * - The number is written the way the locale writes numbers (`parseLocaleNumber`): "1.234,5" in
 *   German, "1,234.5" in English; ambiguous input ("12.5" in German) is refused.
 * - Spaces around and inside (also no-break and narrow no-break spaces from Excel) and the
 *   typographic minus (−) are accepted.
 * - A unit may follow the number ("12,5 %", "12,5%", "1.234 €", "3,5 Tage", "3,5 days"); euro may
 *   also precede it ("€1,234.5", "-€5"). The unit must be the KPI's own: "12 %" on a euro KPI is
 *   not a number. Unit words of both languages are accepted in either locale.
 * - The value must fit the column (numeric(24,6)): at most 18 digits before and 6 after the
 *   decimal separator, not counting leading zeros of the whole part or trailing zeros of the
 *   fraction ("0012,500" has 2 + 1 digits).
 */
import { formatExactNumber } from '../../format/number';
import type { AppLocale, KpiUnit } from '../../format/number';
import { formatNumberInput, numberSeparators, parseLocaleNumber } from '../../format/parse-number';

/** Digits before the decimal separator that numeric(24,6) holds. */
export const MAX_INTEGER_DIGITS = 18;
/** Digits after the decimal separator that numeric(24,6) holds. */
export const MAX_FRACTION_DIGITS = 6;

export type CellProblem = 'not_a_number' | 'too_many_digits';

export type CellReading = { ok: true; value: number | null } | { ok: false; problem: CellProblem };

/**
 * Unit words that may follow the number, lower case, German and English (also the short forms
 * Intl writes, e.g. "Std.", "hrs"). Count and ratio have no unit to write.
 */
const unitSuffixes: Record<KpiUnit, readonly string[]> = {
	percent: ['%'],
	euro: ['€', 'eur', 'euro'],
	days: ['d', 'tg', 'tg.', 'tag', 'tage', 'tagen', 'day', 'days'],
	hours: ['h', 'std', 'std.', 'stunde', 'stunden', 'hr', 'hrs', 'hour', 'hours'],
	minutes: ['min', 'min.', 'minute', 'minuten', 'mins', 'minutes'],
	seconds: ['s', 'sek', 'sek.', 'sekunde', 'sekunden', 'sec', 'secs', 'second', 'seconds'],
	count: [],
	ratio: []
};

/** Euro written before the number, after an optional sign: "€1,234.50", "-€5", "EUR 12". */
const euroPrefix = /^([+-]?)\s*(?:€|eur)\s*(.*)$/i;

/** No-break, narrow no-break and thin spaces (Excel, Intl) become plain spaces. */
const odd = /[\u00a0\u202f\u2009]/g;

/** The number part of the input without the KPI's unit; unchanged when it carries none. */
function withoutUnit(text: string, unit: KpiUnit): string {
	const lower = text.toLowerCase();
	// Longest first, so "days" is taken off whole rather than leaving "day" behind an "s".
	const words = [...unitSuffixes[unit]].sort((a, b) => b.length - a.length);
	for (const word of words) {
		if (lower.endsWith(word)) return text.slice(0, text.length - word.length).trim();
	}
	if (unit === 'euro') {
		const match = euroPrefix.exec(text);
		if (match) return `${match[1] ?? ''}${match[2] ?? ''}`;
	}
	return text;
}

/** Significant digits before and after the decimal separator of a number already parsed. */
function digitCounts(numberPart: string, locale: AppLocale): { whole: number; fraction: number } {
	const { group, decimal } = numberSeparators(locale);
	const compact = numberPart.replace(/\s/g, '').replace(/^[+-]/, '');
	const at = compact.indexOf(decimal);
	const whole = (at < 0 ? compact : compact.slice(0, at)).split(group).join('');
	const fraction = at < 0 ? '' : compact.slice(at + decimal.length);
	return {
		whole: whole.replace(/^0+/, '').length,
		fraction: fraction.replace(/0+$/, '').length
	};
}

/** The value typed into a cell of a KPI with this unit; see the rules at the top of the file. */
export function readCellValue(input: string, unit: KpiUnit, locale: AppLocale): CellReading {
	const text = input
		.replace(odd, ' ')
		.replace(/\u2212/g, '-')
		.trim();
	if (text === '') return { ok: true, value: null };
	const numberPart = withoutUnit(text, unit);
	const value = parseLocaleNumber(numberPart, locale);
	if (value === null) return { ok: false, problem: 'not_a_number' };
	const { whole, fraction } = digitCounts(numberPart, locale);
	if (whole > MAX_INTEGER_DIGITS || fraction > MAX_FRACTION_DIGITS) {
		return { ok: false, problem: 'too_many_digits' };
	}
	return { ok: true, value };
}

/**
 * Whether a value has no more decimals than the KPI keeps (its definition's `decimals`, 0–4).
 * Pages show values rounded to those decimals, so a value with more would be shown as another
 * number than the one stored (89.5 as "90"): such a value is refused, never rounded silently.
 * Trailing zeros do not count (89.0 is 89).
 */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
	return Number(value.toFixed(decimals)) === value;
}

/**
 * A value for a file (CSV/Excel export): no grouping, so other programs read it as one number;
 * the locale's decimal separator, up to six decimals, no trailing zeros.
 */
export function formatPlainValue(value: number, locale: AppLocale): string {
	// -0 would be written "-0".
	return formatNumberInput(value === 0 ? 0 : value, locale);
}

/**
 * A saved value written back into an entry cell as the controller typed it: with the locale's
 * thousands separators (a saved "1.234.567" must not come back as "1234567"), its decimal
 * separator, up to six decimals, no trailing zeros. `readCellValue` reads it back.
 */
export function formatCellValue(value: number, locale: AppLocale): string {
	if (!Number.isFinite(value)) return formatNumberInput(value, locale);
	// -0 would be written "-0"; Intl writes the typographic minus, the grid the ASCII one.
	return formatExactNumber(value === 0 ? 0 : value, locale).replace(/\u2212/g, '-');
}

export type KpiValueProblem = CellProblem | 'too_many_decimals';
export type KpiValueReading =
	{ ok: true; value: number | null } | { ok: false; problem: KpiValueProblem };

/**
 * A cell typed for a KPI whose definition keeps `decimals` decimals: `readCellValue`, then
 * `hasAtMostDecimals`. The entry grid uses this, as import and API apply the same two rules,
 * so a value none of them would store is refused everywhere instead of rounded on display.
 */
export function readKpiValue(
	input: string,
	unit: KpiUnit,
	decimals: number,
	locale: AppLocale
): KpiValueReading {
	const reading = readCellValue(input, unit, locale);
	if (reading.ok && reading.value !== null && !hasAtMostDecimals(reading.value, decimals)) {
		return { ok: false, problem: 'too_many_decimals' };
	}
	return reading;
}
