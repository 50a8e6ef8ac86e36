import { allocate, type CityShare, type PartnerBasis } from './allocation';
import { benefitCostRatio, netPresentValue, sensitivity, type NetPresentValue } from './npv';
import { paybacks, type Paybacks } from './payback';
import { planVersusActual, type PlanActualYear } from './plan-actual';
import type { AllocationKey, Discounting, PilotLine, Scenario } from './types';

export interface ScenarioEconomics {
	hasLines: boolean;
	npv: NetPresentValue;
	/** Static and dynamic payback; null without lines. */
	payback: Paybacks | null;
	benefitCostRatio: number | null;
	sensitivity: { ratePercent: number; npv: number }[];
}

export interface YearSpan {
	from: number;
	to: number;
}

export interface PilotEconomics {
	discounting: Discounting;
	planned: ScenarioEconomics;
	actual: ScenarioEconomics;
	/** The years each scenario's lines cover; null without lines. */
	plannedYears: YearSpan | null;
	actualYears: YearSpan | null;
	/**
	 * Actual and planned NPV over the same years, those the actual figures cover: the whole
	 * plan's NPV beside an NPV of the first two years compares unlike things. Null without actuals.
	 */
	sameYears: (YearSpan & { plannedCents: number; actualCents: number }) | null;
	years: PlanActualYear[];
	/** Planned discounted costs and benefits split by the key; null when the key has no basis. */
	shares: CityShare[] | null;
}

function scenario(
	lines: readonly PilotLine[],
	s: Scenario,
	d: Discounting,
	endYear: number
): ScenarioEconomics {
	return {
		hasLines: lines.some((l) => l.scenario === s),
		npv: netPresentValue(lines, s, d),
		payback: paybacks(lines, s, d, endYear),
		benefitCostRatio: benefitCostRatio(lines, s, d),
		sensitivity: sensitivity(lines, s, d)
	};
}

function yearsOf(lines: readonly PilotLine[], s: Scenario): YearSpan | null {
	const years = lines.filter((l) => l.scenario === s).map((l) => l.year);
	return years.length === 0 ? null : { from: Math.min(...years), to: Math.max(...years) };
}

/** Everything the pilot page shows about the money, from the stored lines and settings. */
export function pilotEconomics(input: {
	lines: readonly PilotLine[];
	discounting: Discounting;
	/** The pilot's last year: the end of the period the paybacks look at. */
	endYear: number;
	key: AllocationKey;
	partners: readonly PartnerBasis[];
}): PilotEconomics {
	const planned = scenario(input.lines, 'planned', input.discounting, input.endYear);
	const actual = scenario(input.lines, 'actual', input.discounting, input.endYear);
	const actualYears = yearsOf(input.lines, 'actual');
	const within = actualYears
		? input.lines.filter((l) => l.year >= actualYears.from && l.year <= actualYears.to)
		: [];
	return {
		discounting: input.discounting,
		planned,
		actual,
		plannedYears: yearsOf(input.lines, 'planned'),
		actualYears,
		sameYears: actualYears
			? {
					...actualYears,
					plannedCents: netPresentValue(within, 'planned', input.discounting).total,
					actualCents: actual.npv.total
				}
			: null,
		years: planVersusActual(input.lines),
		shares:
			input.partners.length > 0
				? allocate(input.key, input.partners, {
						costs: planned.npv.costs,
						benefits: planned.npv.benefits
					})
				: null
	};
}

/** "250000.50" (numeric from the database) → 25 000 050 cents. */
export const decimalToCents = (value: string) => Math.round(Number(value) * 100);

/** Cents → the decimal text the numeric column takes. */
export const centsToDecimal = (cents: number) =>
	`${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
