import type {
	ArrowLayout,
	BoxLayout,
	LaneLayout,
	LayoutOptions,
	MapPerspectiveInput,
	Point
} from './types';
import { round, roundedPath, simplify, wrapText } from './geometry';
import type { Placement, PlacedObjective, RoutedLink } from './routing-types';

/** The lanes stacked top to bottom, with where each lane's box row begins and ends. */
export interface Stack {
	lanes: LaneLayout[];
	boxes: BoxLayout[];
	boxTop: number[];
	boxBottom: number[];
	height: number;
}

/** Vertical: lane heights from their boxes, labels and the channels above and below. */
export function stackLanes(
	perspectives: readonly MapPerspectiveInput[],
	placement: Placement,
	trackCount: ReadonlyMap<number, number>,
	mapWidth: number,
	o: LayoutOptions
): Stack {
	const { placed, titles, boxLeft, boxWidth } = placement;
	const laneCount = perspectives.length;
	const labelChars = (o.laneLabelWidth - 24) / o.labelCharWidth;
	const channelNeed = (channel: number) => {
		const tracks = trackCount.get(channel) ?? 0;
		return tracks === 0 ? 0 : (tracks - 1) * o.trackSpacing + 2 * o.channelMargin;
	};
	const lanes: LaneLayout[] = [];
	const boxes: BoxLayout[] = [];
	const boxTop: number[] = [];
	const boxBottom: number[] = [];
	let y = 0;
	perspectives.forEach((p, lane) => {
		const lines = p.objectives.map((obj) => titles.get(obj.id)?.length ?? 1);
		const titleHeight = Math.max(1, ...lines) * o.lineHeight;
		const boxHeight = o.boxPadding * 2 + titleHeight + o.footerHeight;
		const above = channelNeed(lane);
		const below = channelNeed(lane + 1);
		let padTop = Math.max(o.lanePadding, lane === 0 ? above : above / 2);
		let padBottom = Math.max(o.lanePadding, lane === laneCount - 1 ? below : below / 2);
		const labelLines = wrapText(p.name, labelChars, o.maxLabelLines);
		const labelHeight = labelLines.length * o.lineHeight + 2 * o.lanePadding;
		const rowHeight = p.objectives.length > 0 ? boxHeight : o.lineHeight * 2;
		const extra = labelHeight - (padTop + rowHeight + padBottom);
		if (extra > 0) {
			padTop += extra / 2;
			padBottom += extra / 2;
		}
		const height = padTop + rowHeight + padBottom;
		lanes.push({
			perspectiveId: p.id,
			index: lane,
			x: 0,
			y,
			width: mapWidth,
			height,
			labelLines,
			labelX: 12,
			labelY: y + height / 2 - ((labelLines.length - 1) * o.lineHeight) / 2 + o.lineHeight * 0.35
		});
		boxTop.push(y + padTop);
		boxBottom.push(y + padTop + rowHeight);
		for (const obj of p.objectives) {
			const at = placed.get(obj.id);
			if (!at || at.lane !== lane) continue;
			boxes.push({
				objectiveId: obj.id,
				perspectiveId: p.id,
				laneIndex: lane,
				x: boxLeft(at),
				y: y + padTop,
				width: boxWidth,
				height: boxHeight,
				titleLines: titles.get(obj.id) ?? [],
				textX: boxLeft(at) + o.boxPadding + 6,
				textY: y + padTop + o.boxPadding + o.lineHeight * 0.75,
				footerY: y + padTop + boxHeight - o.boxPadding - o.footerHeight + 4
			});
		}
		y += height;
	});
	return { lanes, boxes, boxTop, boxBottom, height: y };
}

/** Each link as an orthogonal path with rounded corners through its channels and corridor. */
export function drawArrows(
	routed: readonly RoutedLink[],
	stack: Stack,
	trackCount: ReadonlyMap<number, number>,
	o: LayoutOptions
): ArrowLayout[] {
	const { boxTop, boxBottom, height } = stack;
	const laneCount = stack.lanes.length;
	// Channel c spans from the box row above it (or the top) to the box row below (or the bottom).
	const channelMid = (channel: number) => {
		const top = channel === 0 ? 0 : boxBottom[channel - 1]!;
		const bottom = channel === laneCount ? height : boxTop[channel]!;
		return (top + bottom) / 2;
	};
	const trackY = (channel: number, track: number) => {
		const tracks = trackCount.get(channel) ?? 1;
		if (channel === 0) return boxTop[0]! - o.channelMargin - track * o.trackSpacing;
		return channelMid(channel) + ((tracks - 1) / 2 - track) * o.trackSpacing;
	};
	const edgeY = (p: PlacedObjective, edge: 'top' | 'bottom') =>
		edge === 'top' ? boxTop[p.lane]! : boxBottom[p.lane]!;

	return routed.map((link) => {
		let points: Point[];
		if (link.kind === 'same_lane') {
			const ty = trackY(link.channels[0]!, link.tracks[0]!);
			points = [
				{ x: link.startX, y: edgeY(link.from, 'top') },
				{ x: link.startX, y: ty },
				{ x: link.endX, y: ty },
				{ x: link.endX, y: edgeY(link.to, 'top') }
			];
		} else {
			const up = link.kind === 'up';
			const start = { x: link.startX, y: edgeY(link.from, up ? 'top' : 'bottom') };
			const end = { x: link.endX, y: edgeY(link.to, up ? 'bottom' : 'top') };
			const y1 = trackY(link.channels[0]!, link.tracks[0]!);
			if (!link.corridor) {
				points = [start, { x: start.x, y: y1 }, { x: end.x, y: y1 }, end];
			} else {
				const y2 = trackY(link.channels[1]!, link.tracks[1]!);
				points = [
					start,
					{ x: start.x, y: y1 },
					{ x: link.corridor.x, y: y1 },
					{ x: link.corridor.x, y: y2 },
					{ x: end.x, y: y2 },
					end
				];
			}
		}
		points = simplify(points.map((p) => ({ x: round(p.x), y: round(p.y) })));
		return {
			fromObjectiveId: link.from.id,
			toObjectiveId: link.to.id,
			kind: link.kind,
			points,
			d: roundedPath(points, o.cornerRadius)
		};
	});
}
