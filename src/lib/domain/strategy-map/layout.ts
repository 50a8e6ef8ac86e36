/**
 * Layout of a strategy map: one horizontal lane per perspective (top to bottom in the order
 * given), the objectives as boxes in their lane, and the cause–effect links as orthogonal arrows
 * with rounded corners. Pure and deterministic (no DOM, no randomness): the same input always
 * gives the same coordinates, whatever order the links come in.
 *
 * Routing rules, so arrows never run through a box:
 * - every link leaves and enters a box through its top or bottom edge;
 * - horizontal runs lie in the gaps between the box rows of neighbouring lanes ("channels"),
 *   each on its own track where runs in the same channel would overlap;
 * - a link that skips lanes climbs in a vertical corridor that is free of boxes in every lane
 *   it passes (when the gaps are full, right of all boxes: the drawing widens);
 * - a link within one lane curves around through the channel above that lane;
 * - the arrows at one box edge are spread apart in the order of where they lead, lined up with
 *   the box at their other end where possible, and kept apart from the arrows of other links
 *   across the same channel, so no two links run on one line.
 *
 * The steps, one file each: placement.ts (boxes across), corridors.ts (lane-skipping links),
 * ports.ts (where arrows meet boxes), tracks.ts (heights of horizontal runs), drawing.ts (lanes
 * down, arrow paths).
 */
import {
	defaultLayoutOptions,
	type MapPerspectiveInput,
	type MapLinkInput,
	type LayoutOptions,
	type StrategyMapLayout
} from './types';
import { orderedLinks, placeObjectives } from './placement';
import { corridorPlanner, routeLinks } from './corridors';
import { placePorts } from './ports';
import { assignTracks } from './tracks';
import { drawArrows, stackLanes } from './drawing';

/** Lays out the strategy map; links to unknown objectives, self links and repeats are ignored. */
export function layoutStrategyMap(
	perspectives: readonly MapPerspectiveInput[],
	links: readonly MapLinkInput[],
	options: Partial<LayoutOptions> = {}
): StrategyMapLayout {
	const o: LayoutOptions = { ...defaultLayoutOptions, ...options };
	const placement = placeObjectives(perspectives, o);
	const planner = corridorPlanner(perspectives, placement, o);
	const routed = routeLinks(orderedLinks(links, placement.placed), planner);
	placePorts(routed, placement, planner, o);
	const trackCount = assignTracks(routed, o);
	const mapWidth = Math.max(placement.width, ...planner.corridors.map((c) => c.x + o.boxGap / 2));
	const stack = stackLanes(perspectives, placement, trackCount, mapWidth, o);
	return {
		width: mapWidth,
		height: stack.height,
		lineHeight: o.lineHeight,
		labelWidth: o.laneLabelWidth,
		lanes: stack.lanes,
		boxes: stack.boxes,
		arrows: drawArrows(routed, stack, trackCount, o)
	};
}
