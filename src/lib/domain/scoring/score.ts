/**
 * Score of a KPI value (0–100) from its target bands. Pure and derived from `statusOf`, so the
 * score never contradicts the traffic light: green ⇔ 100, yellow ⇔ 50 ≤ score < 80,
 * red ⇔ 0 ≤ score < 50. These are the same ranges that colour objectives, perspectives and the
 * scorecard (`statusOfScore`), so one score has one colour on every level (docs/scoring.md).
 */
import { hasTarget, statusOf, type Bands } from '../status/status';

/** A value inside the green band. Values better than the target earn no more than this. */
export const SCORE_GREEN = 100;
/** Score exactly on the yellow bound (the worst yellow value); red stays below it. */
export const SCORE_YELLOW_FROM = 50;
/**
 * Highest yellow score: 80 and above is green on every level, so a yellow KPI stays below it
 * however close to green its value is. Before issue 17 yellow reached 99.9 and a KPI at 84 was
 * amber while an objective at 84 was green.
 */
export const SCORE_YELLOW_MAX = 79.9;
/** Yellow spans 50 to (just below) 80: 30 points across the yellow band. */
export const SCORE_YELLOW_SPAN = 30;
/** Highest red score: 50 is reserved for yellow, however close to yellow a value is. */
export const SCORE_RED_MAX = 49.9;
/** Without a yellow band on a side, red falls from 50 to 0 over 10 % of the green bound. */
export const DEFAULT_TOLERANCE_SHARE = 0.1;
/** …and over 1 unit of the KPI when that green bound is 0 (10 % of 0 would be no width at all). */
export const ZERO_BOUND_TOLERANCE = 1;

/** Traffic light of any score (KPI, objective, perspective, scorecard): green from 80, yellow from 50. */
export const ROLLUP_GREEN_FROM = 80;
export const ROLLUP_YELLOW_FROM = 50;

export type RollupStatus = 'green' | 'yellow' | 'red' | 'no_data';

/**
 * Rounds half up to one decimal. The first step (to six decimals) removes binary noise, so a
 * mean such as (83.3 + 25) / 2, stored as 54.1499…, rounds to 54.2 as it does by hand.
 * Meant for scores, which are never negative.
 */
export function roundScore(x: number): number {
	return Math.round(Math.round(x * 1e6) / 1e5) / 10;
}

/** Width over which red falls from 50 to 0 when a side has no yellow band. */
export function toleranceWidth(greenBound: number): number {
	return greenBound === 0 ? ZERO_BOUND_TOLERANCE : Math.abs(greenBound) * DEFAULT_TOLERANCE_SHARE;
}

interface Side {
	/** Distance of the value from the green bound it has crossed (> 0). */
	distance: number;
	greenBound: number;
	/** Yellow bound on this side; null when the side has no yellow band (or one of no width). */
	yellowBound: number | null;
}

/** The side of the green band on which the value lies; null when the value is green. */
function sideOf(value: number, bands: Bands): Side | null {
	const { greenMin, greenMax, yellowMin, yellowMax } = bands;
	if (greenMin !== null && value < greenMin) {
		return {
			distance: greenMin - value,
			greenBound: greenMin,
			yellowBound: yellowMin !== null && yellowMin < greenMin ? yellowMin : null
		};
	}
	if (greenMax !== null && value > greenMax) {
		return {
			distance: value - greenMax,
			greenBound: greenMax,
			yellowBound: yellowMax !== null && yellowMax > greenMax ? yellowMax : null
		};
	}
	return null;
}

/**
 * 0–100, rounded to one decimal; null without a value (null, undefined, NaN) or without a target.
 *
 * - green: 100.
 * - yellow: 50 + 30 · (1 − d / w), d = distance from the green bound, w = green bound − yellow
 *   bound on that side; at most 79.9 (so a value just outside green never reads as green).
 * - red: 50 · max(0, 1 − d_r / w), d_r = distance beyond the yellow bound, w = yellow width on
 *   that side; without a yellow band d_r = distance beyond the green bound and
 *   w = 10 % of |green bound| (1 when the bound is 0); at most 49.9.
 *
 * Polarity needs no argument: the bands say which sides are bounded.
 */
export function scoreOf(
	value: number | null | undefined,
	bands: Bands | null | undefined
): number | null {
	if (value === null || value === undefined || Number.isNaN(value)) return null;
	if (!hasTarget(bands)) return null;
	const side = sideOf(value, bands);
	if (side === null) return SCORE_GREEN;
	const { distance, greenBound, yellowBound } = side;

	// The traffic light decides the range; the clamps below only matter for malformed bands
	// (e.g. an inverted green band), where they keep score and status in agreement.
	if (statusOf(value, bands) === 'yellow') {
		const width = yellowBound === null ? 0 : Math.abs(greenBound - yellowBound);
		const raw =
			width > 0
				? SCORE_YELLOW_FROM + SCORE_YELLOW_SPAN * (1 - distance / width)
				: SCORE_YELLOW_FROM;
		return Math.min(SCORE_YELLOW_MAX, Math.max(SCORE_YELLOW_FROM, roundScore(raw)));
	}

	let beyond: number;
	let width: number;
	if (yellowBound === null) {
		beyond = distance;
		width = toleranceWidth(greenBound);
	} else {
		beyond = Math.abs(value - yellowBound);
		width = Math.abs(greenBound - yellowBound);
	}
	const raw = 50 * Math.max(0, 1 - beyond / width);
	return Math.min(SCORE_RED_MAX, roundScore(raw));
}

/**
 * Traffic light of a score on any level: green ≥ 80, yellow ≥ 50, red below; no score → no_data.
 * For a KPI it agrees with `statusOf` by construction of `scoreOf`.
 */
export function statusOfScore(score: number | null): RollupStatus {
	if (score === null || Number.isNaN(score)) return 'no_data';
	if (score >= ROLLUP_GREEN_FROM) return 'green';
	if (score >= ROLLUP_YELLOW_FROM) return 'yellow';
	return 'red';
}
