import { describe, expect, it } from 'vitest';
import { statusOf, type Bands } from '../status/status';
import {
	DEFAULT_TOLERANCE_SHARE,
	ROLLUP_GREEN_FROM,
	ROLLUP_YELLOW_FROM,
	SCORE_RED_MAX,
	SCORE_YELLOW_MAX,
	ZERO_BOUND_TOLERANCE,
	roundScore,
	scoreOf,
	statusOfScore,
	toleranceWidth
} from './score';

// The same bands as the status tests and the examples in docs/scoring.md.
const higher: Bands = { greenMin: 75, greenMax: null, yellowMin: 65, yellowMax: null };
const lower: Bands = { greenMin: null, greenMax: 10, yellowMin: null, yellowMax: 14 };
const band: Bands = { greenMin: 4, greenMax: 6, yellowMin: 3, yellowMax: 8 };
const none: Bands = { greenMin: null, greenMax: null, yellowMin: null, yellowMax: null };

describe('scoreOf: higher is better (green ≥ 75, yellow ≥ 65)', () => {
	it('gives 100 inside green, on the green bound and beyond the target', () => {
		expect(scoreOf(75, higher)).toBe(100);
		expect(scoreOf(80, higher)).toBe(100);
		expect(scoreOf(1e9, higher)).toBe(100);
		expect(scoreOf(Number.POSITIVE_INFINITY, higher)).toBe(100);
	});

	it('falls linearly from just below 80 to 50 across yellow', () => {
		// d = 75 − 72 = 3, w = 75 − 65 = 10: 50 + 30 · (1 − 3/10) = 71
		expect(scoreOf(72, higher)).toBe(71);
		// d = 5: 50 + 30 · 0.5 = 65
		expect(scoreOf(70, higher)).toBe(65);
		// d = 0.1: 50 + 30 · 0.99 = 79.7
		expect(scoreOf(74.9, higher)).toBe(79.7);
	});

	it('gives exactly 50 on the yellow bound', () => {
		// d = w = 10: 50 + 30 · 0 = 50
		expect(scoreOf(65, higher)).toBe(50);
	});

	it('never reaches the green 80 for a yellow value next to green', () => {
		// d = 0.001: 50 + 30 · 0.9999 = 79.997, would round to 80.0 → capped at 79.9
		expect(scoreOf(74.999, higher)).toBe(SCORE_YELLOW_MAX);
		expect(scoreOf(74.999999, higher)).toBe(79.9);
	});

	it('falls from 50 to 0 across one yellow width beyond the yellow bound', () => {
		// d_r = 65 − 60 = 5, w = 10: 50 · (1 − 0.5) = 25
		expect(scoreOf(60, higher)).toBe(25);
		// d_r = 10 = w: 0
		expect(scoreOf(55, higher)).toBe(0);
		expect(scoreOf(0, higher)).toBe(0);
		expect(scoreOf(Number.NEGATIVE_INFINITY, higher)).toBe(0);
	});

	it('never shows 50 for a red value next to yellow', () => {
		// d_r = 0.001: 50 · 0.9999 = 49.995, would round to 50.0 → capped at 49.9
		expect(scoreOf(64.999, higher)).toBe(SCORE_RED_MAX);
	});
});

describe('scoreOf: lower is better (green ≤ 10, yellow ≤ 14)', () => {
	it('gives 100 inside green and on its bound', () => {
		expect(scoreOf(8, lower)).toBe(100);
		expect(scoreOf(10, lower)).toBe(100);
		expect(scoreOf(-5, lower)).toBe(100);
	});

	it('scores yellow from the green bound upwards', () => {
		// d = 12 − 10 = 2, w = 14 − 10 = 4: 50 + 30 · 0.5 = 65
		expect(scoreOf(12, lower)).toBe(65);
		// d = 3: 50 + 30 · 0.25 = 57.5
		expect(scoreOf(13, lower)).toBe(57.5);
		// on the yellow bound: 50
		expect(scoreOf(14, lower)).toBe(50);
	});

	it('scores red beyond the yellow bound', () => {
		// d_r = 15 − 14 = 1, w = 4: 50 · 0.75 = 37.5
		expect(scoreOf(15, lower)).toBe(37.5);
		// d_r = 4 = w: 0
		expect(scoreOf(18, lower)).toBe(0);
		expect(scoreOf(30, lower)).toBe(0);
	});
});

describe('scoreOf: target band (green 4–6, yellow 3–8)', () => {
	it('gives 100 on both green bounds and in between', () => {
		expect(scoreOf(4, band)).toBe(100);
		expect(scoreOf(5, band)).toBe(100);
		expect(scoreOf(6, band)).toBe(100);
	});

	it('scores the low side against the low yellow width', () => {
		// d = 4 − 3.5 = 0.5, w = 4 − 3 = 1: 50 + 30 · 0.5 = 65
		expect(scoreOf(3.5, band)).toBe(65);
		expect(scoreOf(3, band)).toBe(50);
		// d_r = 3 − 2.5 = 0.5, w = 1: 50 · 0.5 = 25
		expect(scoreOf(2.5, band)).toBe(25);
		expect(scoreOf(2, band)).toBe(0);
	});

	it('scores the high side against the high yellow width', () => {
		// d = 7 − 6 = 1, w = 8 − 6 = 2: 50 + 30 · 0.5 = 65
		expect(scoreOf(7, band)).toBe(65);
		// d = 1.5: 50 + 30 · 0.25 = 57.5
		expect(scoreOf(7.5, band)).toBe(57.5);
		expect(scoreOf(8, band)).toBe(50);
		// d_r = 9 − 8 = 1, w = 2: 50 · 0.5 = 25
		expect(scoreOf(9, band)).toBe(25);
		expect(scoreOf(10, band)).toBe(0);
	});

	it('uses the default tolerance on a side that has no yellow band', () => {
		const lowYellowOnly: Bands = { greenMin: 4, greenMax: 6, yellowMin: 3, yellowMax: null };
		expect(scoreOf(3.5, lowYellowOnly)).toBe(65);
		// high side: w = 10 % of 6 = 0.6; d_r = 6.3 − 6 = 0.3: 50 · 0.5 = 25
		expect(scoreOf(6.3, lowYellowOnly)).toBe(25);
		// d_r = 0.06: 50 · 0.9 = 45
		expect(scoreOf(6.06, lowYellowOnly)).toBe(45);
		// d_r = 1 > w: 0
		expect(scoreOf(7, lowYellowOnly)).toBe(0);
	});
});

describe('scoreOf without a yellow band', () => {
	it('goes from 100 to red at once, over 10 % of the green bound', () => {
		const strict: Bands = { greenMin: 75, greenMax: null, yellowMin: null, yellowMax: null };
		expect(toleranceWidth(75)).toBeCloseTo(7.5, 12);
		expect(scoreOf(75, strict)).toBe(100);
		// d_r = 1, w = 7.5: 50 · (1 − 1/7.5) = 43.333… → 43.3
		expect(scoreOf(74, strict)).toBe(43.3);
		// d_r = 3: 50 · 0.6 = 30
		expect(scoreOf(72, strict)).toBe(30);
		// d_r = 7.5 = w: 0
		expect(scoreOf(67.5, strict)).toBe(0);
	});

	it('treats a yellow bound equal to the green bound as no yellow band', () => {
		const same: Bands = { greenMin: 75, greenMax: null, yellowMin: 75, yellowMax: null };
		expect(statusOf(74, same)).toBe('red');
		expect(scoreOf(74, same)).toBe(43.3);
	});

	it('works for lower-is-better', () => {
		const strict: Bands = { greenMin: null, greenMax: 10, yellowMin: null, yellowMax: null };
		// w = 1, d_r = 0.5: 50 · 0.5 = 25
		expect(scoreOf(10.5, strict)).toBe(25);
		expect(scoreOf(11, strict)).toBe(0);
	});

	it('uses the absolute value of a negative green bound', () => {
		const change: Bands = { greenMin: -20, greenMax: null, yellowMin: null, yellowMax: null };
		// w = 10 % of |−20| = 2, d_r = 1: 50 · 0.5 = 25
		expect(scoreOf(-21, change)).toBe(25);
		expect(scoreOf(-19, change)).toBe(100);
	});
});

describe('scoreOf with a target of 0', () => {
	it('uses 1 unit as tolerance when the green bound is 0 and there is no yellow band', () => {
		const zero: Bands = { greenMin: null, greenMax: 0, yellowMin: null, yellowMax: null };
		expect(toleranceWidth(0)).toBe(ZERO_BOUND_TOLERANCE);
		expect(scoreOf(0, zero)).toBe(100);
		expect(scoreOf(-3, zero)).toBe(100);
		// w = 1, d_r = 0.2: 50 · 0.8 = 40
		expect(scoreOf(0.2, zero)).toBe(40);
		expect(scoreOf(1, zero)).toBe(0);
	});

	it('works for higher-is-better with green from 0', () => {
		const zero: Bands = { greenMin: 0, greenMax: null, yellowMin: null, yellowMax: null };
		// w = 1, d_r = 0.5: 25
		expect(scoreOf(-0.5, zero)).toBe(25);
	});

	it('uses the yellow band when there is one', () => {
		const zero: Bands = { greenMin: null, greenMax: 0, yellowMin: null, yellowMax: 2 };
		// d = 1, w = 2: 50 + 30 · 0.5 = 65
		expect(scoreOf(1, zero)).toBe(65);
		// d_r = 3 − 2 = 1, w = 2: 25
		expect(scoreOf(3, zero)).toBe(25);
	});
});

describe('scoreOf without value or target', () => {
	it('has no score without a value, never 0', () => {
		expect(scoreOf(null, higher)).toBeNull();
		expect(scoreOf(undefined, higher)).toBeNull();
		expect(scoreOf(Number.NaN, higher)).toBeNull();
		expect(scoreOf(0, higher)).toBe(0);
	});

	it('has no score without a target', () => {
		expect(scoreOf(5, null)).toBeNull();
		expect(scoreOf(5, undefined)).toBeNull();
		expect(scoreOf(5, none)).toBeNull();
		// yellow bounds alone are no target
		expect(scoreOf(5, { ...none, yellowMin: 3 })).toBeNull();
		expect(scoreOf(null, null)).toBeNull();
	});
});

describe('scoreOf agrees with statusOf', () => {
	const cases: [string, Bands][] = [
		['higher', higher],
		['lower', lower],
		['band', band],
		['higher, no yellow', { greenMin: 75, greenMax: null, yellowMin: null, yellowMax: null }],
		['lower, target 0', { greenMin: null, greenMax: 0, yellowMin: null, yellowMax: null }],
		['band, one yellow side', { greenMin: 4, greenMax: 6, yellowMin: null, yellowMax: 8 }],
		['negative band', { greenMin: -6, greenMax: -4, yellowMin: -8, yellowMax: -3 }],
		// malformed bands (forms reject them) must still not contradict the traffic light
		['yellow inside green', { greenMin: 75, greenMax: null, yellowMin: 80, yellowMax: null }],
		['inverted green', { greenMin: 10, greenMax: 5, yellowMin: 8, yellowMax: 12 }]
	];

	it.each(cases)('%s: green ⇔ 100, yellow ⇔ [50, 80), red ⇔ [0, 50)', (_name, bands) => {
		const mismatches: string[] = [];
		for (let i = -2000; i <= 10000; i++) {
			const value = i / 100;
			const status = statusOf(value, bands);
			const score = scoreOf(value, bands);
			const agrees =
				score !== null &&
				(status === 'green'
					? score === 100
					: status === 'yellow'
						? score >= 50 && score < 80
						: status === 'red' && score >= 0 && score < 50);
			if (!agrees) mismatches.push(`${value}: ${status} ${score}`);
		}
		expect(mismatches).toEqual([]);
	});
});

describe('roundScore', () => {
	it('rounds half up to one decimal, ignoring binary noise', () => {
		// (83.3 + 25) / 2 = 54.15, stored as 54.1499…; by hand 54.2
		expect(roundScore((83.3 + 25) / 2)).toBe(54.2);
		expect(roundScore(62.25)).toBe(62.3);
		expect(roundScore(43.333333)).toBe(43.3);
		expect(roundScore(0.04)).toBe(0);
		expect(roundScore(99.95)).toBe(100);
	});
});

describe('statusOfScore', () => {
	it('gives a KPI the same colour as its traffic light, so one score has one colour everywhere', () => {
		// The example: a yellow KPI must not show a score an objective would call green.
		expect(statusOfScore(scoreOf(72, higher))).toBe('yellow');
		expect(statusOfScore(scoreOf(74.999, higher))).toBe('yellow');
		expect(statusOfScore(scoreOf(75, higher))).toBe('green');
		expect(statusOfScore(scoreOf(64.999, higher))).toBe('red');
		expect(statusOfScore(scoreOf(13, lower))).toBe('yellow');
		expect(statusOfScore(scoreOf(15, lower))).toBe('red');
	});

	it('uses the thresholds 80 and 50 on every level', () => {
		expect(ROLLUP_GREEN_FROM).toBe(80);
		expect(ROLLUP_YELLOW_FROM).toBe(50);
		expect(DEFAULT_TOLERANCE_SHARE).toBe(0.1);
		expect(statusOfScore(100)).toBe('green');
		expect(statusOfScore(80)).toBe('green');
		expect(statusOfScore(79.9)).toBe('yellow');
		expect(statusOfScore(50)).toBe('yellow');
		expect(statusOfScore(49.9)).toBe('red');
		expect(statusOfScore(0)).toBe('red');
	});

	it('says no data without a score, never red', () => {
		expect(statusOfScore(null)).toBe('no_data');
		expect(statusOfScore(Number.NaN)).toBe('no_data');
	});
});
