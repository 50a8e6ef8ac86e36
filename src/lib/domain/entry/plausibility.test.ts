import { describe, expect, it } from 'vitest';
import type { KpiUnit } from '../../format/number';
import type { Bands } from '../status/status';
import { canSubmit, changePercent, checkValue, type CheckInput } from './plausibility';

const higher: Bands = { greenMin: 75, greenMax: null, yellowMin: 65, yellowMax: null };

const base: CheckInput = {
	value: 80,
	unit: 'count',
	bands: higher,
	previousValue: null,
	plausibleChangePercent: null,
	comment: ''
};

const check = (overrides: Partial<CheckInput>) => checkValue({ ...base, ...overrides });

describe('checkValue: status', () => {
	it('takes the status from the bands', () => {
		expect(check({ value: 80 }).status).toBe('green');
		expect(check({ value: 70 }).status).toBe('yellow');
		expect(check({ value: 60, comment: 'Personalausfall' }).status).toBe('red');
		expect(check({ value: 60, bands: null }).status).toBe('no_target');
	});

	it('has nothing to say about a missing value', () => {
		const result = check({
			value: null,
			unit: 'percent',
			previousValue: 50,
			plausibleChangePercent: 1
		});
		expect(result).toEqual({ status: 'no_data', errors: [], warnings: [] });
		expect(canSubmit(result)).toBe(true);
	});

	it('passes a plain green value without comment', () => {
		const result = check({ value: 80 });
		expect(result).toEqual({ status: 'green', errors: [], warnings: [] });
		expect(canSubmit(result)).toBe(true);
	});
});

describe('checkValue: red values', () => {
	it('needs a comment for a red value', () => {
		const result = check({ value: 60 });
		expect(result.errors).toEqual(['comment_required_red']);
		expect(canSubmit(result)).toBe(false);
	});

	it('does not take spaces for a comment', () => {
		expect(check({ value: 60, comment: '  \n ' }).errors).toEqual(['comment_required_red']);
	});

	it('submits a red value with a comment', () => {
		const result = check({ value: 60, comment: 'Zwei Stellen unbesetzt' });
		expect(result.errors).toEqual([]);
		expect(canSubmit(result)).toBe(true);
	});

	it('needs no comment for yellow or unjudged values', () => {
		expect(check({ value: 70 }).errors).toEqual([]);
		expect(check({ value: 1, bands: null }).errors).toEqual([]);
	});
});

describe('checkValue: change against the previous quarter', () => {
	const tolerance = { previousValue: 100, plausibleChangePercent: 20 };

	it('warns when the change exceeds the tolerance, in either direction', () => {
		expect(check({ ...tolerance, value: 121 }).warnings).toEqual(['change_exceeds_tolerance']);
		expect(check({ ...tolerance, value: 79 }).warnings).toEqual(['change_exceeds_tolerance']);
	});

	it('accepts a change up to the tolerance, also under binary noise', () => {
		expect(check({ ...tolerance, value: 120 }).warnings).toEqual([]);
		expect(check({ ...tolerance, value: 80 }).warnings).toEqual([]);
		expect(
			check({ value: 0.33, bands: null, previousValue: 0.3, plausibleChangePercent: 10 }).warnings
		).toEqual([]);
	});

	it('measures the change against the magnitude of a negative previous value', () => {
		const negative = { unit: 'euro' as const, bands: null, plausibleChangePercent: 50 };
		expect(check({ ...negative, previousValue: -100, value: -140 }).warnings).toEqual([]);
		expect(check({ ...negative, previousValue: -100, value: 60 }).warnings).toEqual([
			'change_exceeds_tolerance'
		]);
	});

	it('counts any change from 0 as exceeding, none from 0 to 0', () => {
		const fromZero = { previousValue: 0, plausibleChangePercent: 1000, bands: null };
		expect(check({ ...fromZero, value: 0.001 }).warnings).toEqual(['change_exceeds_tolerance']);
		expect(check({ ...fromZero, value: 0 }).warnings).toEqual([]);
	});

	it('does not compare without a previous value or without a tolerance', () => {
		expect(check({ value: 1000, previousValue: null, plausibleChangePercent: 1 }).warnings).toEqual(
			[]
		);
		expect(check({ value: 1000, previousValue: 1, plausibleChangePercent: null }).warnings).toEqual(
			[]
		);
	});

	it('treats a tolerance of 0 as "no change expected"', () => {
		const strict = { previousValue: 80, plausibleChangePercent: 0 };
		expect(check({ ...strict, value: 80 }).warnings).toEqual([]);
		expect(check({ ...strict, value: 80.5 }).warnings).toEqual(['change_exceeds_tolerance']);
	});

	it('needs a comment to confirm the warning', () => {
		const unconfirmed = check({ ...tolerance, value: 150 });
		expect(unconfirmed.errors).toEqual(['comment_required_warning']);
		expect(canSubmit(unconfirmed)).toBe(false);
		const confirmed = check({ ...tolerance, value: 150, comment: 'Neue Zählweise ab Q3' });
		expect(confirmed.warnings).toEqual(['change_exceeds_tolerance']);
		expect(confirmed.errors).toEqual([]);
		expect(canSubmit(confirmed)).toBe(true);
	});
});

describe('checkValue: values the unit does not allow', () => {
	it('warns about a share above 100 %', () => {
		const percent = { unit: 'percent' as const, bands: null };
		expect(check({ ...percent, value: 100 }).warnings).toEqual([]);
		expect(check({ ...percent, value: 100.1 }).warnings).toEqual(['share_above_100']);
		expect(check({ value: 150, unit: 'count', bands: null }).warnings).toEqual([]);
	});

	it('warns about negative values of units that cannot be negative', () => {
		const cases: [KpiUnit, boolean][] = [
			['count', true],
			['days', true],
			['hours', true],
			['minutes', true],
			['seconds', true],
			['percent', true],
			['euro', false],
			['ratio', false]
		];
		for (const [unit, warns] of cases) {
			expect(check({ value: -1, unit, bands: null }).warnings, unit).toEqual(
				warns ? ['negative'] : []
			);
			expect(check({ value: 0, unit, bands: null }).warnings, unit).toEqual([]);
		}
	});

	it('lists every warning and both errors when several apply', () => {
		const result = check({
			value: 250,
			unit: 'percent',
			bands: { greenMin: null, greenMax: 10, yellowMin: null, yellowMax: 20 },
			previousValue: 5,
			plausibleChangePercent: 50
		});
		expect(result.status).toBe('red');
		expect(result.warnings).toEqual(['change_exceeds_tolerance', 'share_above_100']);
		expect(result.errors).toEqual(['comment_required_red', 'comment_required_warning']);
		expect(canSubmit({ ...result })).toBe(false);
	});
});

describe('changePercent', () => {
	it('is the change in percent of the magnitude of the previous value', () => {
		expect(changePercent(110, 100)).toBeCloseTo(10);
		expect(changePercent(90, 100)).toBeCloseTo(-10);
		expect(changePercent(-50, -100)).toBeCloseTo(50);
		expect(changePercent(0, 0)).toBe(0);
		expect(changePercent(3, 0)).toBe(Infinity);
		expect(changePercent(-3, 0)).toBe(-Infinity);
	});
});
