import type { LayoutOptions, MapPerspectiveInput } from './types';
import { freeIntervals, intersect, type Interval } from './geometry';
import type { Corridor, Placement, PlacedObjective, RoutedLink } from './routing-types';
import type { ValidLink } from './placement';

export interface CorridorPlanner {
	corridors: Corridor[];
	/** Whether corridor c may run at x: inside its free space and apart from other corridors. */
	isFree: (c: Corridor, x: number) => boolean;
	/** Places in its free space, nearest to the wanted x first. */
	candidates: (free: Interval[], wanted: number) => number[];
}

/**
 * Vertical corridors for links that skip lanes: free of boxes in every lane passed, apart from
 * corridors of neighbouring or overlapping spans (so two never look like one line).
 */
export function corridorPlanner(
	perspectives: readonly MapPerspectiveInput[],
	placement: Placement,
	o: LayoutOptions
): CorridorPlanner & { span: Interval; laneFree: Interval[][] } {
	const { width, boxWidth, placed, boxLeft } = placement;
	const span = { from: o.laneLabelWidth + o.corridorClearance, to: width - 4 };
	const laneFree = perspectives.map((_, lane) =>
		freeIntervals(
			span.from,
			span.to,
			[...placed.values()]
				.filter((p) => p.lane === lane)
				.map((p) => ({
					from: boxLeft(p) - o.corridorClearance,
					to: boxLeft(p) + boxWidth + o.corridorClearance
				}))
		).map((i) => ({ from: i.from + 2, to: i.to - 2 }))
	);
	const corridors: Corridor[] = [];
	const isFree = (c: Corridor, x: number) =>
		(x > span.to || c.free.some((i) => x >= i.from - 0.01 && x <= i.to + 0.01)) &&
		!corridors.some(
			(other) =>
				other !== c &&
				other.top <= c.bottom + 1 &&
				c.top <= other.bottom + 1 &&
				Math.abs(other.x - x) < o.trackSpacing - 0.01
		);
	const candidates = (free: Interval[], wanted: number): number[] => {
		const found: number[] = [];
		for (const i of free) {
			const base = Math.min(i.to, Math.max(i.from, wanted));
			for (let step = 0; step <= 60; step++) {
				for (const sign of step === 0 ? [1] : [1, -1]) {
					const x = base + sign * step * o.trackSpacing;
					if (x >= i.from && x <= i.to) found.push(x);
				}
			}
		}
		found.sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || a - b);
		// When the gaps are full, further corridors run right of everything; the map widens.
		for (let k = 1; k <= 100; k++) found.push(span.to + k * o.trackSpacing);
		return found;
	};
	return { corridors, isFree, candidates, span, laneFree };
}

/** A corridor for a link between `from` and `to`, the first free place nearest their middle. */
function corridorFor(
	planner: ReturnType<typeof corridorPlanner>,
	from: PlacedObjective,
	to: PlacedObjective
): Corridor {
	const top = Math.min(from.lane, to.lane) + 1;
	const bottom = Math.max(from.lane, to.lane) - 1;
	let free: Interval[] = [planner.span];
	for (let lane = top; lane <= bottom; lane++) free = intersect(free, planner.laneFree[lane]!);
	const corridor: Corridor = { x: planner.span.to, top, bottom, free };
	const candidates = planner.candidates(free, (from.centerX + to.centerX) / 2);
	corridor.x = candidates.find((x) => planner.isFree(corridor, x)) ?? corridor.x;
	planner.corridors.push(corridor);
	return corridor;
}

/** Each link's kind, the channels its horizontal runs use and, if it skips lanes, its corridor. */
export function routeLinks(
	valid: readonly ValidLink[],
	planner: ReturnType<typeof corridorPlanner>
): RoutedLink[] {
	return valid.map(({ from, to, key }): RoutedLink => {
		const base = { key, from, to, startX: 0, endX: 0, tracks: [] as number[] };
		if (from.lane === to.lane) {
			return { ...base, kind: 'same_lane', channels: [from.lane], corridor: null };
		}
		const up = to.lane < from.lane;
		const skips = Math.abs(to.lane - from.lane) > 1;
		// Channel c lies above lane c: between lanes c - 1 and c.
		const first = up ? from.lane : from.lane + 1;
		const last = up ? to.lane + 1 : to.lane;
		return {
			...base,
			kind: up ? 'up' : 'down',
			channels: skips ? [first, last] : [first],
			corridor: skips ? corridorFor(planner, from, to) : null
		};
	});
}
