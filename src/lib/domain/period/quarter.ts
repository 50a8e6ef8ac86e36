/** A reporting quarter. `index` orders quarters on one axis: year * 4 + (quarter - 1). */
export interface Quarter {
	year: number;
	quarter: number;
}

export const quarterIndex = ({ year, quarter }: Quarter): number => year * 4 + (quarter - 1);

export const quarterFromIndex = (index: number): Quarter => ({
	year: Math.floor(index / 4),
	quarter: (index % 4) + 1
});

export const compareQuarters = (a: Quarter, b: Quarter): number =>
	quarterIndex(a) - quarterIndex(b);

export const shiftQuarter = (q: Quarter, by: number): Quarter =>
	quarterFromIndex(quarterIndex(q) + by);

/** The `count` quarters ending with `last`, oldest first. */
export function quarterRange(last: Quarter, count: number): Quarter[] {
	const end = quarterIndex(last);
	return Array.from({ length: count }, (_, i) => quarterFromIndex(end - count + 1 + i));
}

/** The last quarter that has ended on the given day (the one controllers report on). */
export function lastCompletedQuarter(day: Date): Quarter {
	const current = { year: day.getUTCFullYear(), quarter: Math.floor(day.getUTCMonth() / 3) + 1 };
	return shiftQuarter(current, -1);
}

/**
 * How a quarter is written in addresses and forms: `2026-Q3` (decision 0025). Every link is built
 * with this; `parseQuarterParam` also reads the older `2026-3`, so saved links keep working.
 */
export const quarterParam = ({ year, quarter }: Quarter): string => `${year}-Q${quarter}`;

const quarterParamPattern = /^(\d{4})-[Qq]?([1-4])$/;

/** `2026-Q3` (or the older `2026-3`) → Q3/2026; anything else, or a year outside 2000–2100 → null. */
export function parseQuarterParam(text: string | null | undefined): Quarter | null {
	const match = text ? quarterParamPattern.exec(text) : null;
	if (!match) return null;
	const year = Number(match[1]);
	return year >= 2000 && year <= 2100 ? { year, quarter: Number(match[2]) } : null;
}
