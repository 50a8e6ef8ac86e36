import { discountedFlows } from './npv';
import type { Discounting, PilotLine, Scenario } from './types';

/**
 * Payback (Amortisation) as the people appraising pilots know it, both kinds (docs/wibe.md):
 * static on the balance as entered, dynamic on the discounted balance. Whole years: lines are
 * yearly totals without a date within the year, so a fraction of a year would be invented.
 */
export type Payback =
	| { kind: 'year'; year: number }
	/** Still below zero at the end of the pilot's years. */
	| { kind: 'after_period'; periodEnd: number }
	/** Still below zero, but the actual figures stop before the pilot's last year. */
	| { kind: 'not_yet'; through: number };

export interface Paybacks {
	static: Payback;
	dynamic: Payback;
}

/**
 * The first year from which the cumulated balance (rounded to the cent, so float noise cannot
 * move it) is ≥ 0 and stays so through the last year; null when it ends below zero. "Stays"
 * matters only when a later cost pulls the balance back below zero: then the earlier year was
 * not the payback, and the page must not name it next to a negative Kapitalwert.
 */
export function paybackYear(flows: readonly { year: number; cumulated: number }[]): number | null {
	let from: number | null = null;
	for (const f of flows) {
		if (Math.round(f.cumulated) >= 0) from ??= f.year;
		else from = null;
	}
	return from;
}

/**
 * Static and dynamic payback of one scenario; null without lines. `periodEnd` is the pilot's
 * last year: a missing planned year is planned as zero, a missing actual year is not known yet.
 */
export function paybacks(
	lines: readonly PilotLine[],
	scenario: Scenario,
	d: Discounting,
	periodEnd: number
): Paybacks | null {
	// At 0 % every factor is exactly 1: the undiscounted balance, the same as "Saldo kumuliert".
	const undiscounted = discountedFlows(lines, scenario, { ...d, ratePercent: 0 });
	const last = undiscounted.at(-1)?.year;
	if (last === undefined) return null;
	const outcome = (year: number | null): Payback => {
		if (year !== null) return { kind: 'year', year };
		if (scenario === 'actual' && last < periodEnd) return { kind: 'not_yet', through: last };
		return { kind: 'after_period', periodEnd: Math.max(periodEnd, last) };
	};
	return {
		static: outcome(paybackYear(undiscounted)),
		dynamic: outcome(paybackYear(discountedFlows(lines, scenario, d)))
	};
}
