import type { Distribution } from '../statistics/distribution';

/**
 * The comparison's distribution picture as geometry: every city a dot on one axis, the box from
 * the lower to the upper quartile with the median (the figures of the table, never computed a
 * second time), the own city as a large labelled diamond, and text labels that never overlap.
 * Pure, so the placement can be tested without a browser; the component only draws it.
 */

export interface StripPoint {
	name: string;
	value: number;
	own: boolean;
}

/** A text to place on one row of lanes, centred on `at` (pixels) where there is room. */
export interface LabelRequest {
	id: string;
	text: string;
	at: number;
}

export interface PlacedLabel extends LabelRequest {
	/** Left edge and width in pixels (estimated from the characters). */
	x: number;
	width: number;
	/** 0 next to the axis, counting outwards. */
	lane: number;
}

/**
 * Greedy interval placement: each label in the given order (most important first) centred on its
 * anchor, kept inside [0, width], in the first lane where it overlaps no label already there.
 * Labels never collide; a crowded picture grows lanes instead of hiding names.
 */
export function placeLabels(
	labels: readonly LabelRequest[],
	options: { width: number; charWidth: number; gap: number }
): PlacedLabel[] {
	const lanes: { x: number; width: number }[][] = [];
	return labels.map((label) => {
		const width = Math.min(label.text.length * options.charWidth, options.width);
		const x = Math.max(0, Math.min(label.at - width / 2, options.width - width));
		const free = (lane: { x: number; width: number }[]) =>
			lane.every((o) => x + width + options.gap <= o.x || o.x + o.width + options.gap <= x);
		let lane = lanes.findIndex(free);
		if (lane < 0) lane = lanes.push([]) - 1;
		lanes[lane]!.push({ x, width });
		return { ...label, x, width, lane };
	});
}

export interface StripDot extends StripPoint {
	x: number;
	/** Offset from the axis in dot rows: equal values stack instead of hiding each other. */
	row: number;
}

export interface StripLayout {
	width: number;
	height: number;
	axisY: number;
	dots: StripDot[];
	box: { q1: number; median: number; q3: number; min: number; max: number } | null;
	/** Own city and median above the dots, minimum and maximum of the axis below. */
	above: PlacedLabel[];
	below: PlacedLabel[];
	lineHeight: number;
	dotRadius: number;
}

export interface StripInput {
	points: readonly StripPoint[];
	/** The comparison's statistics (released values under the current definition). */
	distribution: Distribution | null;
	width: number;
	fontSize: number;
	format: (value: number) => string;
	ownText: (point: StripPoint) => string;
	medianText: (median: string) => string;
}

const MARGIN = 12;

/** Rows for dots closer than a dot's width: 0, then alternately above and below (1, −1, 2, …). */
function stack(xs: readonly number[], radius: number): number[] {
	const placed: { x: number; row: number }[] = [];
	const order = [...xs.keys()].sort((a, b) => xs[a]! - xs[b]!);
	const rows = new Array<number>(xs.length).fill(0);
	for (const i of order) {
		const near = placed.filter((p) => Math.abs(p.x - xs[i]!) < 2 * radius + 1).map((p) => p.row);
		let k = 0;
		while (near.includes(k)) k = k > 0 ? -k : -k + 1;
		rows[i] = k;
		placed.push({ x: xs[i]!, row: k });
	}
	return rows;
}

export function stripLayout(input: StripInput): StripLayout {
	const { points, distribution: d, width, fontSize } = input;
	const values = points.map((p) => p.value);
	if (d) values.push(d.min, d.max);
	let lo = values.length ? Math.min(...values) : 0;
	let hi = values.length ? Math.max(...values) : 1;
	if (lo === hi) {
		const pad = Math.abs(lo) * 0.1 || 1;
		lo -= pad;
		hi += pad;
	}
	const x = (v: number) => MARGIN + ((v - lo) / (hi - lo)) * (width - 2 * MARGIN);
	const dotRadius = 5;
	const rows = stack(
		points.map((p) => x(p.value)),
		dotRadius
	);
	const dots = points.map((p, i) => ({ ...p, x: x(p.value), row: rows[i]! }));
	const charWidth = fontSize * 0.62;
	const options = { width, charWidth, gap: fontSize * 0.6 };
	const own = points.find((p) => p.own);
	const above = placeLabels(
		[
			...(own ? [{ id: 'own', text: input.ownText(own), at: x(own.value) }] : []),
			...(d
				? [{ id: 'median', text: input.medianText(input.format(d.median)), at: x(d.median) }]
				: [])
		],
		options
	);
	const below = placeLabels(
		[
			{ id: 'min', text: input.format(lo), at: x(lo) },
			{ id: 'max', text: input.format(hi), at: x(hi) }
		],
		options
	);
	const lineHeight = Math.round(fontSize * 1.4);
	const spread = Math.max(0, ...rows.map((r) => Math.abs(r)));
	const dotsHalf = (spread + 1) * (2 * dotRadius + 1) + 4;
	const lanesAbove = Math.max(0, ...above.map((l) => l.lane + 1));
	const lanesBelow = Math.max(1, ...below.map((l) => l.lane + 1));
	const axisY = 4 + lanesAbove * lineHeight + dotsHalf;
	return {
		width,
		height: Math.ceil(axisY + dotsHalf + lanesBelow * lineHeight + 4),
		axisY,
		dots,
		box: d
			? {
					q1: x(d.lowerQuartile),
					median: x(d.median),
					q3: x(d.upperQuartile),
					min: x(d.min),
					max: x(d.max)
				}
			: null,
		above,
		below,
		lineHeight,
		dotRadius
	};
}
