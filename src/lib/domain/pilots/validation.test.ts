import { describe, expect, it } from 'vitest';
import {
	allocationProblems,
	lineProblems,
	partnerProblems,
	rateInRange,
	settingsProblems,
	yearProblem
} from './validation';

describe('pilot validation', () => {
	it('refuses negative or reversed years and rates outside −5 %…+20 %', () => {
		expect(
			settingsProblems({ startYear: -1, endYear: 2027, baseYear: 2025, ratePercent: 3 })
		).toEqual([{ code: 'year_negative', field: 'startYear' }]);
		expect(
			settingsProblems({ startYear: 2027, endYear: 2025, baseYear: 2025, ratePercent: 21 })
		).toEqual([{ code: 'years_reversed' }, { code: 'rate_out_of_range', ratePercent: 21 }]);
		expect(rateInRange(-5)).toBe(true);
		expect(rateInRange(20)).toBe(true);
		expect(rateInRange(-5.01)).toBe(false);
	});

	it('keeps lines inside the pilot years', () => {
		const pilot = { startYear: 2025, endYear: 2027 };
		expect(lineProblems(2027, pilot)).toEqual([]);
		expect(lineProblems(2028, pilot)).toEqual([
			{ code: 'line_outside_years', year: 2028, startYear: 2025, endYear: 2027 }
		]);
		expect(lineProblems(-2025, pilot)).toEqual([{ code: 'year_negative', field: 'year' }]);
	});

	it('needs the basis of the allocation key', () => {
		const partner = (id: number, share: string | null, cases: number | null = null) => ({
			organisationId: id,
			inhabitants: null,
			cases,
			sharePercent: share
		});
		expect(allocationProblems('fixed', [partner(1, '50'), partner(2, '49.99')])).toEqual([
			{ code: 'shares_not_100', sumHundredths: 9_999 }
		]);
		expect(allocationProblems('per_case', [partner(1, null, 10), partner(2, null)])).toEqual([
			{ code: 'basis_missing', organisationId: 2 }
		]);
		expect(allocationProblems('equal', [partner(1, null)])).toEqual([]);
	});

	it('names a city that does not take part', () => {
		expect(partnerProblems(9, [1, 2])).toEqual([{ code: 'city_not_partner', organisationId: 9 }]);
		expect(partnerProblems(2, [1, 2])).toEqual([]);
	});
});

describe('pilot years', () => {
	it('takes the years 2000 to 2100 and nothing else, as the form says', () => {
		expect(yearProblem(2000)).toBeNull();
		expect(yearProblem(2100)).toBeNull();
		expect(yearProblem(1999)).toBe('year_invalid');
		expect(yearProblem(2101)).toBe('year_invalid');
		expect(yearProblem(2025.5)).toBe('year_invalid');
		expect(yearProblem(-2025)).toBe('year_negative');
	});

	it('checks the base year only when one is given', () => {
		const settings = { startYear: 2025, endYear: 2027, ratePercent: 3 };
		expect(settingsProblems({ ...settings, baseYear: null })).toEqual([]);
		expect(settingsProblems({ ...settings, baseYear: 25 })).toEqual([
			{ code: 'year_invalid', field: 'baseYear' }
		]);
	});
});
