/**
 * Numbers as people type them into forms: "1.234,5" or "12,5" in German, "1,234.5" in English.
 * The separators come from `Intl`, the same source as formatting (number.ts), so parsing reads
 * back exactly what the app writes. Ambiguous input is refused rather than guessed: "12.5" in
 * German is neither a grouped thousand nor a German decimal, so it is not a number.
 */
import { numberFormatter } from './intl';
import type { AppLocale } from './intl';

export interface NumberSeparators {
	group: string;
	decimal: string;
}

const separatorCache = new Map<AppLocale, NumberSeparators>();

/** The grouping and decimal separator of the locale, e.g. "." and "," for German. */
export function numberSeparators(locale: AppLocale): NumberSeparators {
	let found = separatorCache.get(locale);
	if (!found) {
		const parts = numberFormatter(locale, { useGrouping: true }).formatToParts(1234567.5);
		found = {
			group: parts.find((p) => p.type === 'group')?.value ?? '',
			decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.'
		};
		separatorCache.set(locale, found);
	}
	return found;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Spaces people type or paste inside numbers (normal, no-break, narrow no-break, thin). */
const spaces = /[\s\u00a0\u202f\u2009]/g;

const patternCache = new Map<AppLocale, RegExp>();

function numberPattern(locale: AppLocale): RegExp {
	let pattern = patternCache.get(locale);
	if (!pattern) {
		const { group, decimal } = numberSeparators(locale);
		const g = escape(group);
		const d = escape(decimal);
		// Digits either ungrouped or in correct groups of three, then an optional fraction.
		pattern = new RegExp(`^([+-]?)(\\d+|\\d{1,3}(?:${g}\\d{3})+)?(?:${d}(\\d+))?$`);
		patternCache.set(locale, pattern);
	}
	return pattern;
}

/**
 * The number written in `input` the way the locale writes numbers, or null when it is empty or
 * not a number in that locale. Accepts a sign (also the typographic minus), grouping in correct
 * groups of three, spaces as grouping, and a leading decimal separator (",5").
 */
export function parseLocaleNumber(input: string, locale: AppLocale): number | null {
	const compact = input.replace(spaces, '').replace(/\u2212/g, '-');
	const match = numberPattern(locale).exec(compact);
	if (!match) return null;
	const [, sign, whole, fraction] = match;
	if (whole === undefined && fraction === undefined) return null;
	const { group } = numberSeparators(locale);
	const digits = (whole ?? '0').split(group).join('');
	const value = Number(`${sign}${digits}.${fraction ?? '0'}`);
	if (!Number.isFinite(value)) return null;
	return value === 0 ? 0 : value;
}

/** Digits after the decimal separator as typed (trailing zeros count: "1,50" has two). */
export function fractionDigits(input: string, locale: AppLocale): number {
	const { decimal } = numberSeparators(locale);
	const at = input.trim().lastIndexOf(decimal);
	return at < 0 ? 0 : input.trim().length - at - 1;
}

/**
 * A number as it should stand in a form field of the locale: without grouping, as many decimals
 * as it has (up to six), e.g. 1234.5 → "1234,5" in German. parseLocaleNumber reads it back.
 */
export function formatNumberInput(value: number | null | undefined, locale: AppLocale): string {
	if (value === null || value === undefined || !Number.isFinite(value)) return '';
	return numberFormatter(locale, { useGrouping: false, maximumFractionDigits: 6 })
		.format(value)
		.replace(/\u2212/g, '-');
}
