import { isCost, type Discounting, type PilotLine, type Scenario } from './types';

/** 1/(1+r)^(year−base): years before the base year are compounded up, after it discounted. */
export function discountFactor(year: number, d: Discounting): number {
	return 1 / Math.pow(1 + d.ratePercent / 100, year - d.baseYear);
}

/** A line's signed present value in (fractional) cents: benefits count positive, costs negative. */
export function presentValue(line: PilotLine, d: Discounting): number {
	const signed = isCost(line.kind) ? -line.amountCents : line.amountCents;
	return signed * discountFactor(line.year, d);
}

export interface NetPresentValue {
	/** Kapitalwert in whole cents, rounded once at the end. */
	total: number;
	budgetRelevant: number;
	nonBudgetRelevant: number;
	/** Discounted benefits and costs (costs as a positive amount). */
	benefits: number;
	costs: number;
}

const ofScenario = (lines: readonly PilotLine[], scenario: Scenario) =>
	lines.filter((l) => l.scenario === scenario);

/** Net present value of one scenario, split into budget-relevant and other effects. */
export function netPresentValue(
	lines: readonly PilotLine[],
	scenario: Scenario,
	d: Discounting
): NetPresentValue {
	let budget = 0;
	let other = 0;
	let benefits = 0;
	let costs = 0;
	for (const line of ofScenario(lines, scenario)) {
		const pv = presentValue(line, d);
		if (line.budgetRelevant) budget += pv;
		else other += pv;
		if (isCost(line.kind)) costs -= pv;
		else benefits += pv;
	}
	const budgetRelevant = Math.round(budget);
	const nonBudgetRelevant = Math.round(other);
	return {
		total: Math.round(budget + other),
		budgetRelevant,
		nonBudgetRelevant,
		benefits: Math.round(benefits),
		costs: Math.round(costs)
	};
}

/** Discounted benefits / discounted costs; null when there are no costs to divide by. */
export function benefitCostRatio(
	lines: readonly PilotLine[],
	scenario: Scenario,
	d: Discounting
): number | null {
	const { benefits, costs } = netPresentValue(lines, scenario, d);
	return costs > 0 ? benefits / costs : null;
}

export interface YearFlow {
	year: number;
	/** Discounted net of the year and cumulated up to it, in fractional cents. */
	discountedNet: number;
	cumulated: number;
}

/** Every year from the first to the last line (gaps included, with 0), discounted. */
export function discountedFlows(
	lines: readonly PilotLine[],
	scenario: Scenario,
	d: Discounting
): YearFlow[] {
	const own = ofScenario(lines, scenario);
	if (own.length === 0) return [];
	const years = own.map((l) => l.year);
	const first = Math.min(...years);
	const last = Math.max(...years);
	const flows: YearFlow[] = [];
	let cumulated = 0;
	for (let year = first; year <= last; year++) {
		const net = own.filter((l) => l.year === year).reduce((s, l) => s + presentValue(l, d), 0);
		cumulated += net;
		flows.push({ year, discountedNet: net, cumulated });
	}
	return flows;
}

export const defaultSensitivityRates = [0, 1, 2, 3, 5] as const;

/** NPV at several rates (the pilot's own rate included), lowest rate first. */
export function sensitivity(
	lines: readonly PilotLine[],
	scenario: Scenario,
	d: Discounting,
	rates: readonly number[] = defaultSensitivityRates
): { ratePercent: number; npv: number }[] {
	const all = [...new Set([...rates, d.ratePercent])].sort((a, b) => a - b);
	return all.map((ratePercent) => ({
		ratePercent,
		npv: netPresentValue(lines, scenario, { ...d, ratePercent }).total
	}));
}
