/** Shared shapes of the WiBe appraisal. Money is always in integer euro cents. */

export const lineKinds = ['investment', 'operating', 'benefit'] as const;
export type LineKind = (typeof lineKinds)[number];

export const scenarios = ['planned', 'actual'] as const;
export type Scenario = (typeof scenarios)[number];

export const allocationKeys = ['equal', 'per_inhabitant', 'per_case', 'fixed'] as const;
export type AllocationKey = (typeof allocationKeys)[number];

/** One yearly figure: a cost (investment/development or operating) or a monetary benefit. */
export interface PilotLine {
	year: number;
	kind: LineKind;
	scenario: Scenario;
	/** Non-negative; whether it is a cost or a benefit follows from `kind`. */
	amountCents: number;
	/** haushaltswirksam: the figure reaches a city budget (not only an indirect effect). */
	budgetRelevant: boolean;
}

/** Discounting: rate in percent (3 = 3 %), discounted to the start of the base year. */
export interface Discounting {
	ratePercent: number;
	baseYear: number;
}

export const isCost = (kind: LineKind) => kind !== 'benefit';
