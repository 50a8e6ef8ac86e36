import { fixedSharesSumTo100, percentToHundredths, type PartnerBasis } from './allocation';
import type { AllocationKey } from './types';

export const minRatePercent = -5;
/** Years a pilot, its base year and its lines may name. */
export const minYear = 2000;
export const maxYear = 2100;
export const maxRatePercent = 20;

/** Stable codes; pages turn them into messages, tests assert on them. */
export type PilotProblem =
	| { code: 'year_negative'; field: YearField }
	| { code: 'year_invalid'; field: YearField }
	| { code: 'years_reversed' }
	| { code: 'rate_out_of_range'; ratePercent: number }
	| { code: 'shares_not_100'; sumHundredths: number }
	| { code: 'basis_missing'; organisationId: number }
	| { code: 'line_outside_years'; year: number; startYear: number; endYear: number }
	| { code: 'city_not_partner'; organisationId: number };

type YearField = 'startYear' | 'endYear' | 'baseYear' | 'year';

/** Why a year cannot be a pilot's: negative (a message of its own), or outside 2000–2100. */
export function yearProblem(year: number): 'year_negative' | 'year_invalid' | null {
	if (year < 0) return 'year_negative';
	if (!Number.isInteger(year) || year < minYear || year > maxYear) return 'year_invalid';
	return null;
}

export const rateInRange = (ratePercent: number) =>
	Number.isFinite(ratePercent) && ratePercent >= minRatePercent && ratePercent <= maxRatePercent;

/** Pilot settings: years within 2000–2100 and in order, rate within −5 %…+20 %. */
export function settingsProblems(input: {
	startYear: number;
	endYear: number;
	baseYear: number | null;
	ratePercent: number;
}): PilotProblem[] {
	const problems: PilotProblem[] = [];
	for (const field of ['startYear', 'endYear', 'baseYear'] as const) {
		const year = input[field];
		const code = year === null ? null : yearProblem(year);
		if (code) problems.push({ code, field });
	}
	if (input.endYear < input.startYear) problems.push({ code: 'years_reversed' });
	if (!rateInRange(input.ratePercent))
		problems.push({ code: 'rate_out_of_range', ratePercent: input.ratePercent });
	return problems;
}

/** A yearly line must lie within the pilot's years. */
export function lineProblems(
	year: number,
	pilot: { startYear: number; endYear: number }
): PilotProblem[] {
	const code = yearProblem(year);
	if (code) return [{ code, field: 'year' }];
	if (year < pilot.startYear || year > pilot.endYear)
		return [{ code: 'line_outside_years', year, ...pilot }];
	return [];
}

/** The key needs its basis: fixed shares summing to 100 %, inhabitants or cases for every city. */
export function allocationProblems(
	key: AllocationKey,
	partners: readonly PartnerBasis[]
): PilotProblem[] {
	if (key === 'fixed') {
		if (fixedSharesSumTo100(partners)) return [];
		const sumHundredths = partners.reduce(
			(s, p) => s + (p.sharePercent === null ? 0 : (percentToHundredths(p.sharePercent) ?? 0)),
			0
		);
		return [{ code: 'shares_not_100', sumHundredths }];
	}
	if (key === 'equal') return [];
	const basis = key === 'per_inhabitant' ? 'inhabitants' : 'cases';
	return partners
		.filter((p) => p[basis] === null || (p[basis] ?? 0) <= 0)
		.map((p) => ({ code: 'basis_missing', organisationId: p.organisationId }) as const);
}

/** A per-city question (or write) about a city that does not take part in the pilot. */
export function partnerProblems(
	organisationId: number,
	partnerIds: readonly number[]
): PilotProblem[] {
	return partnerIds.includes(organisationId) ? [] : [{ code: 'city_not_partner', organisationId }];
}
