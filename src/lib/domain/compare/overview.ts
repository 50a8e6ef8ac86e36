import { compareQuarters, shiftQuarter, type Quarter } from '../period/quarter';
import type { Polarity, Status } from '../status/status';
import {
	distributionOf,
	quartilePosition,
	type QuartilePosition
} from '../statistics/distribution';
import type { Rollup } from '../scoring/rollup';
import type { KpiView, MeasurementState, ScorecardView } from '../scorecard/types';
import type { KpiUnit } from '../../format/number';
import type { CityValueRow } from './types';
import { travellingNote } from '../notes/travel';

/** How many improvements and declines the overview lists. */
export const MOVERS_SHOWN = 5;

export interface OverviewField {
	slug: string;
	name: string;
}

/** One field's scorecard of the city, assembled exactly as its scorecard page does it. */
export interface OverviewInput {
	field: OverviewField;
	/** null: the city has the scorecard but has not built it yet. */
	scorecard: ScorecardView | null;
}

export interface PerspectiveCell {
	/** The perspective's key, or its name for a custom perspective: the column it goes into. */
	column: string;
	name: string;
	rollup: Rollup;
}

export interface OverviewRow {
	field: OverviewField;
	built: boolean;
	latestQuarter: Quarter | null;
	rollup: Rollup | null;
	perspectives: PerspectiveCell[];
	/** KPIs whose latest value is not released yet (only ever the viewer's own city). */
	unreleased: number;
}

interface Reading {
	quarter: Quarter;
	value: number;
	score: number;
	status: Status;
	state: MeasurementState | null;
	/** The city's comment, where it travels with the value (`travellingNote`). */
	note: string | null;
}

export interface Mover {
	field: OverviewField;
	code: string;
	name: string;
	unit: KpiUnit;
	decimals: number;
	before: Reading;
	after: Reading;
	/** Score after − score before, in points of 0–100: positive is better, whatever the polarity. */
	scoreChange: number;
	valueChange: number;
}

export interface KeyKpi {
	field: OverviewField;
	kpiId: number;
	versionId: number;
	code: string;
	name: string;
	unit: KpiUnit;
	decimals: number;
	polarity: Polarity;
	/** Why it is key: the field agreed a common target, or it is the scorecard's first shared KPI. */
	reason: 'common_target' | 'first_shared';
	quarter: Quarter;
	value: number;
	state: MeasurementState | null;
	status: Status;
	/** The city's comment, where it travels with the value (`travellingNote`). */
	note: string | null;
}

export type Standing = 'better' | 'worse' | 'equal' | 'above' | 'below';

export interface KeyKpiPosition extends KeyKpi {
	median: number | null;
	/** Released values of the ring under the definition in force (the city's own included if released). */
	count: number;
	standing: Standing | null;
	/** 1 = the best quarter of the ring … 4 = the worst; null where polarity defines no better. */
	ringQuarter: 1 | 2 | 3 | 4 | null;
}

const kpisOf = (sc: ScorecardView): KpiView[] =>
	sc.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));

export function overviewRows(inputs: readonly OverviewInput[]): OverviewRow[] {
	return inputs.map(({ field, scorecard }) => {
		const built = !!scorecard && scorecard.perspectives.length > 0;
		return {
			field,
			built,
			latestQuarter: scorecard?.latestQuarter ?? null,
			rollup: built ? scorecard!.rollup : null,
			perspectives: built
				? scorecard!.perspectives.map((p) => ({
						column: p.key ?? p.name,
						name: p.name,
						rollup: p.rollup
					}))
				: [],
			unreleased: scorecard
				? kpisOf(scorecard).filter((k) => k.latest?.state && k.latest.state !== 'released').length
				: 0
		};
	});
}

/** The perspective columns of the overview table: every key or custom name, in first-seen order. */
export function perspectiveColumns(
	rows: readonly OverviewRow[]
): { column: string; name: string }[] {
	const seen = new Map<string, string>();
	for (const row of rows)
		for (const p of row.perspectives) if (!seen.has(p.column)) seen.set(p.column, p.name);
	return [...seen].map(([column, name]) => ({ column, name }));
}

/**
 * Largest improvements and declines from the quarter before to the scorecard's latest quarter,
 * by score: scores put KPIs of different units on one scale and already know which direction is
 * better. A KPI needs a score in both quarters (a value and a target); changes within the green
 * band (100 → 100) are no movement. `ownCity`: the reader belongs to the city (its notes on
 * unreleased values travel).
 */
export function movers(
	inputs: readonly OverviewInput[],
	ownCity: boolean
): {
	improvements: Mover[];
	declines: Mover[];
} {
	const all: Mover[] = [];
	for (const { field, scorecard } of inputs) {
		if (!scorecard?.latestQuarter) continue;
		const now = scorecard.latestQuarter;
		const before = shiftQuarter(now, -1);
		for (const kpi of kpisOf(scorecard)) {
			const at = (q: Quarter) => kpi.series.find((p) => compareQuarters(p, q) === 0);
			const a = at(before);
			const b = at(now);
			if (!a || !b || a.value === null || b.value === null || a.score === null || b.score === null)
				continue;
			const reading = (p: typeof a): Reading => ({
				quarter: { year: p.year, quarter: p.quarter },
				value: p.value!,
				score: p.score!,
				status: p.status,
				state: p.state,
				note: travellingNote(p, ownCity)
			});
			all.push({
				field,
				code: kpi.code,
				name: kpi.name,
				unit: kpi.unit,
				decimals: kpi.decimals,
				before: reading(a),
				after: reading(b),
				scoreChange: Math.round((b.score - a.score) * 10) / 10,
				valueChange: b.value - a.value
			});
		}
	}
	const relative = (x: Mover) =>
		x.before.value === 0 ? 0 : Math.abs(x.valueChange / x.before.value);
	const byChange = (sign: 1 | -1) => (x: Mover, y: Mover) =>
		sign * (y.scoreChange - x.scoreChange) || relative(y) - relative(x);
	return {
		improvements: all
			.filter((x) => x.scoreChange > 0)
			.sort(byChange(1))
			.slice(0, MOVERS_SHOWN),
		declines: all
			.filter((x) => x.scoreChange < 0)
			.sort(byChange(-1))
			.slice(0, MOVERS_SHOWN)
	};
}

/**
 * The key KPIs of each scorecard: its shared KPIs for which the field agreed a common target
 * (what the ring has committed to together); a scorecard without any contributes its first
 * shared KPI, so every field is represented. Local KPIs are never compared. Each with the
 * city's latest visible value, the quarter the ring is compared in, and its travelling note.
 */
export function keyKpis(
	inputs: readonly OverviewInput[],
	commonTarget: (kpiId: number, q: Quarter) => { versionId: number; hasTarget: boolean },
	ownCity: boolean
): KeyKpi[] {
	const out: KeyKpi[] = [];
	for (const { field, scorecard } of inputs) {
		if (!scorecard) continue;
		const shared = kpisOf(scorecard).filter((k) => k.comparable && k.latest?.value != null);
		const withTarget = shared.filter((k) => commonTarget(k.kpiId, k.latest!).hasTarget);
		const chosen = withTarget.length ? withTarget : shared.slice(0, 1);
		for (const k of chosen) {
			const p = k.latest!;
			out.push({
				field,
				kpiId: k.kpiId,
				versionId: commonTarget(k.kpiId, p).versionId,
				code: k.code,
				name: k.name,
				unit: k.unit,
				decimals: k.decimals,
				polarity: k.polarity,
				reason: withTarget.length ? 'common_target' : 'first_shared',
				quarter: { year: p.year, quarter: p.quarter },
				value: p.value!,
				state: p.state,
				status: p.status,
				note: travellingNote(p, ownCity)
			});
		}
	}
	return out;
}

/** Where the city's value stands against the ring's median, in the KPI's own sense of better. */
export function standing(value: number, median: number, polarity: Polarity): Standing {
	if (value === median) return 'equal';
	if (polarity === 'target_band') return value > median ? 'above' : 'below';
	const higher = value > median;
	return higher === (polarity === 'higher_is_better') ? 'better' : 'worse';
}

const fromTop: Record<QuartilePosition, 1 | 2 | 3 | 4> = {
	top: 1,
	upper_middle: 2,
	lower_middle: 3,
	bottom: 4
};

/** The quarter of the ring a value falls in, counted from the better end (QUARTILE.INC bounds). */
export function ringQuarter(position: QuartilePosition, polarity: Polarity): 1 | 2 | 3 | 4 | null {
	if (polarity === 'target_band') return null;
	const n = fromTop[position];
	return polarity === 'higher_is_better' ? n : ((5 - n) as 1 | 2 | 3 | 4);
}

/**
 * Each key KPI against the ring in the same quarter: median and quartile of the released values
 * under the definition in force, as on the comparison page (an unreleased value, the city's own
 * included, is compared but not counted).
 */
export function positions(
	keys: readonly KeyKpi[],
	ring: readonly CityValueRow[]
): KeyKpiPosition[] {
	return keys.map((k) => {
		const values = ring
			.filter(
				(r) =>
					r.kpiId === k.kpiId &&
					r.year === k.quarter.year &&
					r.quarter === k.quarter.quarter &&
					r.state === 'released' &&
					r.kpiVersionId === k.versionId
			)
			.map((r) => Number(r.value));
		const d = distributionOf(values);
		return {
			...k,
			median: d?.median ?? null,
			count: d?.count ?? 0,
			standing: d ? standing(k.value, d.median, k.polarity) : null,
			ringQuarter: d ? ringQuarter(quartilePosition(k.value, d), k.polarity) : null
		};
	});
}
