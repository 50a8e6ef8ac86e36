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
