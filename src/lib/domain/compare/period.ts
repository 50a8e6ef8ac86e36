import { parseQuarterParam, quarterIndex, quarterParam, type Quarter } from '../period/quarter';

/**
 * Periods of the compare views (comparison, heatmap, trend) in the URL: one quarter (`2026-Q3`)
 * or a whole year (`2025`).
 */

/** What a comparison looks at: one quarter, or a whole year by the KPI's yearly aggregation. */
export type ComparisonPeriod = ({ kind: 'quarter' } & Quarter) | { kind: 'year'; year: number };

const yearPattern = /^(\d{4})$/;

/**
 * Reads a quarter (`2026-Q3`, see `parseQuarterParam`) or `2026` from a URL; anything else (or a
 * year outside 2000–2100) is null.
 */
export function parsePeriod(text: string | null | undefined): ComparisonPeriod | null {
	if (!text) return null;
	const q = parseQuarterParam(text);
	if (q) return { kind: 'quarter', ...q };
	const year = Number(yearPattern.exec(text)?.[1]);
	return year >= 2000 && year <= 2100 ? { kind: 'year', year } : null;
}

export const periodParam = (p: ComparisonPeriod): string =>
	p.kind === 'quarter' ? quarterParam(p) : String(p.year);

/** The last day of the period, as ISO date: the population of that day is the denominator. */
export function periodEnd(p: ComparisonPeriod): string {
	const month = p.kind === 'quarter' ? p.quarter * 3 : 12;
	const lastDay = new Date(Date.UTC(p.year, month, 0)).getUTCDate();
	return `${p.year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

/** The quarter whose definition applies: the period's last quarter. */
export const definingQuarter = (p: ComparisonPeriod): Quarter =>
	p.kind === 'quarter' ? { year: p.year, quarter: p.quarter } : { year: p.year, quarter: 4 };

/** The quarters a period covers, oldest first. */
export function quartersOf(p: ComparisonPeriod): Quarter[] {
	return p.kind === 'quarter'
		? [{ year: p.year, quarter: p.quarter }]
		: [1, 2, 3, 4].map((quarter) => ({ year: p.year, quarter }));
}

/**
 * The choices for a period picker from the quarters a field has reported (newest first), each
 * year once before its quarters.
 */
export function periodChoices(quarters: readonly Quarter[]): ComparisonPeriod[] {
	const sorted = [...quarters].sort((a, b) => quarterIndex(b) - quarterIndex(a));
	const choices: ComparisonPeriod[] = [];
	let year: number | null = null;
	for (const q of sorted) {
		if (q.year !== year) {
			year = q.year;
			choices.push({ kind: 'year', year });
		}
		choices.push({ kind: 'quarter', year: q.year, quarter: q.quarter });
	}
	return choices;
}
