/**
 * Did the pilot move its KPIs? Mean of the partner cities before and after the pilot start,
 * next to the mean of the field's cities not taking part (a simple difference-in-differences
 * view). Each city counts once per window (its own mean), so a city reporting more quarters
 * does not weigh more. Only released values go in, so every viewer sees the same figures.
 * A KPI measured in percent changes in percentage points (70 % → 66,5 % is −3,5 points, not
 * −5 %); every other KPI in percent of its value before.
 */

export interface QuarterValue {
	organisationId: number;
	year: number;
	quarter: number;
	value: number;
}

export interface GroupEffect {
	before: number | null;
	after: number | null;
	/** Relative change; null for percentage KPIs (they change in points). */
	changePercent: number | null;
	/** after − before, for percentage KPIs only. */
	changePoints: number | null;
	/** Cities with a value in both windows. */
	cities: number;
}

const index = (year: number, quarter: number) => year * 4 + (quarter - 1);

function groupEffect(
	values: readonly QuarterValue[],
	ids: ReadonlySet<number>,
	inBefore: (i: number) => boolean,
	inAfter: (i: number) => boolean,
	inPoints: boolean
): GroupEffect {
	const before: number[] = [];
	const after: number[] = [];
	for (const id of ids) {
		const own = values.filter((v) => v.organisationId === id);
		const b = own.filter((v) => inBefore(index(v.year, v.quarter)));
		const a = own.filter((v) => inAfter(index(v.year, v.quarter)));
		// A city counts only with values in both windows: otherwise the group changes, not the KPI.
		if (b.length === 0 || a.length === 0) continue;
		before.push(b.reduce((s, v) => s + v.value, 0) / b.length);
		after.push(a.reduce((s, v) => s + v.value, 0) / a.length);
	}
	if (before.length === 0)
		return { before: null, after: null, changePercent: null, changePoints: null, cities: 0 };
	const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
	const b = mean(before);
	const a = mean(after);
	return {
		before: b,
		after: a,
		changePercent: inPoints || b === 0 ? null : ((a - b) / Math.abs(b)) * 100,
		changePoints: inPoints ? a - b : null,
		cities: before.length
	};
}

/**
 * Before: the four quarters before the start quarter. After: the latest four quarters with any
 * value, from the start quarter on. Null windows when the pilot has not started yet.
 */
export function kpiEffect(input: {
	values: readonly QuarterValue[];
	partnerIds: readonly number[];
	otherIds: readonly number[];
	start: { year: number; quarter: number };
	windowQuarters?: number;
	/** The KPI's unit: 'percent' compares in percentage points. */
	unit?: string;
}): { partners: GroupEffect; others: GroupEffect; afterFrom: number | null } {
	const width = input.windowQuarters ?? 4;
	const start = index(input.start.year, input.start.quarter);
	const latest = Math.max(-Infinity, ...input.values.map((v) => index(v.year, v.quarter)));
	const afterFrom = latest >= start ? Math.max(start, latest - width + 1) : null;
	const inBefore = (i: number) => i >= start - width && i < start;
	const inAfter = (i: number) => afterFrom !== null && i >= afterFrom && i <= latest;
	const inPoints = input.unit === 'percent';
	return {
		partners: groupEffect(input.values, new Set(input.partnerIds), inBefore, inAfter, inPoints),
		others: groupEffect(input.values, new Set(input.otherIds), inBefore, inAfter, inPoints),
		afterFrom
	};
}
