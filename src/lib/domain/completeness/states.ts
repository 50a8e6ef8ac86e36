/**
 * Delivery states of a city's KPIs in a quarter, and how a city × field cell sums them up.
 * Coordination data, not figures: a state says how far a value has come, never what it is.
 */

/** 'missing': no value entered; the others are the measurement's workflow state. */
export type EntryState = 'missing' | 'draft' | 'submitted' | 'released';
export const entryStates: readonly EntryState[] = ['missing', 'draft', 'submitted', 'released'];

export interface StateCounts {
	/** KPIs the city reports in the field and quarter. */
	kpis: number;
	missing: number;
	draft: number;
	submitted: number;
	released: number;
}

/** A cell's overall state: the least advanced state of its KPIs, or why it has none. */
export type CellState = 'no_scorecard' | 'no_kpis' | EntryState;

export const emptyCounts = (): StateCounts => ({
	kpis: 0,
	missing: 0,
	draft: 0,
	submitted: 0,
	released: 0
});

/** Counts one more KPI in the given state. */
export function countState(counts: StateCounts, state: EntryState): void {
	counts.kpis += 1;
	counts[state] += 1;
}

export function cellState(counts: StateCounts | undefined): CellState {
	if (!counts) return 'no_scorecard';
	if (counts.kpis === 0) return 'no_kpis';
	if (counts.missing > 0) return 'missing';
	if (counts.draft > 0) return 'draft';
	if (counts.submitted > 0) return 'submitted';
	return 'released';
}

/**
 * Delivered: every KPI at least submitted. Handing the figures over is the controller's part;
 * release is the city's own second pair of eyes and no longer something the ring has to chase.
 * A scorecard without KPIs owes nothing.
 */
export const isDelivered = (counts: StateCounts) => counts.missing === 0 && counts.draft === 0;
