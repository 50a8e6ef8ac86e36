import type { Quarter } from '../period/quarter';
import { parsePeriod } from '../comparison/period';

/* Its own module: the overview page links to the pack and ships only this to the browser. */

/** `2026-Q2` from the URL; a year alone or anything else is no briefing quarter. */
export function parseBriefingQuarter(text: string): Quarter | null {
	const period = parsePeriod(text);
	return period?.kind === 'quarter' ? { year: period.year, quarter: period.quarter } : null;
}

export const briefingQuarterParam = (q: Quarter): string => `${q.year}-Q${q.quarter}`;
