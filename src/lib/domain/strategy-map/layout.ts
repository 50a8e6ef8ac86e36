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
 */
import {
	defaultLayoutOptions,
	type MapPerspectiveInput,
	type MapLinkInput,
	type LayoutOptions,
	type Point,
	type LaneLayout,
	type BoxLayout,
	type ArrowKind,
	type ArrowLayout,
	type StrategyMapLayout
} from './types';
import {
	wrapText,
	round,
	roundedPath,
	simplify,
	freeIntervals,
	intersect,
	byKey,
	spreadPorts,
	type Interval
} from './geometry';

interface PlacedObjective {
	id: number;
	lane: number;
	slot: number;
	centerX: number;
}

interface Corridor {
	x: number;
	/** The lanes it passes, and where in them it may run. */
	top: number;
	bottom: number;
	free: Interval[];
}

interface RoutedLink {
	key: string;
	from: PlacedObjective;
	to: PlacedObjective;
	kind: ArrowKind;
	/** Channel of the first horizontal run and, for lane-skipping links, of the second. */
	channels: number[];
	corridor: Corridor | null;
	startX: number;
	endX: number;
	tracks: number[];
}

interface Port {
	link: RoutedLink;
	end: 'start' | 'end';
	edgeId: string;
	/** The channel the arrow leaves or enters the box through, and on which side of it the box is. */
	channel: number;
	side: 'above' | 'below';
	range: Interval;
	ideal: number;
	towards: number;
	x: number;
}

/** Lays out the strategy map; links to unknown objectives, self links and repeats are ignored. */
export function layoutStrategyMap(
	perspectives: readonly MapPerspectiveInput[],
	links: readonly MapLinkInput[],
	options: Partial<LayoutOptions> = {}
): StrategyMapLayout {
	const o: LayoutOptions = { ...defaultLayoutOptions, ...options };
	const laneCount = perspectives.length;
	const mostObjectives = Math.max(1, ...perspectives.map((p) => p.objectives.length));

	// Horizontal: one box width for the whole map, boxes centred in equal slots of their lane.
	const outerGutter = o.boxGap / 2;
	const minContent = mostObjectives * (o.boxMinWidth + o.boxGap);
	const width = Math.max(o.width, o.laneLabelWidth + minContent + 2 * outerGutter);
	const contentLeft = o.laneLabelWidth + outerGutter;
	const contentWidth = width - outerGutter - contentLeft;
	const boxWidth = Math.min(
		o.boxMaxWidth,
		Math.max(o.boxMinWidth, contentWidth / mostObjectives - o.boxGap)
	);
	const titleChars = (boxWidth - 2 * o.boxPadding - 6) / o.charWidth;
	const labelChars = (o.laneLabelWidth - 24) / o.labelCharWidth;

	const placed = new Map<number, PlacedObjective>();
	const titles = new Map<number, string[]>();
	perspectives.forEach((p, lane) => {
		const slot = contentWidth / Math.max(1, p.objectives.length);
		p.objectives.forEach((objective, index) => {
			if (placed.has(objective.id)) return;
			placed.set(objective.id, {
				id: objective.id,
				lane,
				slot: index,
				centerX: contentLeft + slot * (index + 0.5)
			});
			titles.set(objective.id, wrapText(objective.title, titleChars, o.maxTitleLines));
		});
	});
	const boxLeft = (p: PlacedObjective) => p.centerX - boxWidth / 2;

	// The links, in a fixed order so the drawing does not depend on the order they came in.
	const seen = new Set<string>();
	const valid: { from: PlacedObjective; to: PlacedObjective; key: string }[] = [];
	for (const link of links) {
		const from = placed.get(link.fromObjectiveId);
		const to = placed.get(link.toObjectiveId);
		const key = `${link.fromObjectiveId}>${link.toObjectiveId}`;
		if (!from || !to || from === to || seen.has(key)) continue;
		seen.add(key);
		valid.push({ from, to, key });
	}
	valid.sort(
		(a, b) =>
			a.from.lane - b.from.lane ||
			a.from.slot - b.from.slot ||
			a.to.lane - b.to.lane ||
			a.to.slot - b.to.slot
	);

	// Vertical corridors for links that skip lanes: free of boxes in every lane passed, apart from
	// corridors of neighbouring or overlapping spans (so two never look like one line).
	const corridorSpan = { from: o.laneLabelWidth + o.corridorClearance, to: width - 4 };
	const laneFree = perspectives.map((_, lane) =>
		freeIntervals(
			corridorSpan.from,
			corridorSpan.to,
			[...placed.values()]
				.filter((p) => p.lane === lane)
				.map((p) => ({
					from: boxLeft(p) - o.corridorClearance,
					to: boxLeft(p) + boxWidth + o.corridorClearance
				}))
		).map((i) => ({ from: i.from + 2, to: i.to - 2 }))
	);
	const corridors: Corridor[] = [];
	/** Whether corridor c may run at x: inside its free space and apart from other corridors. */
	const corridorFree = (c: Corridor, x: number) =>
		(x > corridorSpan.to || c.free.some((i) => x >= i.from - 0.01 && x <= i.to + 0.01)) &&
		!corridors.some(
			(other) =>
				other !== c &&
				other.top <= c.bottom + 1 &&
				c.top <= other.bottom + 1 &&
				Math.abs(other.x - x) < o.trackSpacing - 0.01
		);
	/** Places in its free space, nearest to the wanted x first. */
	const corridorCandidates = (free: Interval[], wanted: number): number[] => {
		const candidates: number[] = [];
		for (const i of free) {
			const base = Math.min(i.to, Math.max(i.from, wanted));
			for (let step = 0; step <= 60; step++) {
				for (const sign of step === 0 ? [1] : [1, -1]) {
					const x = base + sign * step * o.trackSpacing;
					if (x >= i.from && x <= i.to) candidates.push(x);
				}
			}
		}
		candidates.sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted) || a - b);
		// When the gaps are full, further corridors run right of everything; the map widens.
		for (let k = 1; k <= 100; k++) candidates.push(corridorSpan.to + k * o.trackSpacing);
		return candidates;
	};
	const corridorFor = (from: PlacedObjective, to: PlacedObjective): Corridor => {
		const top = Math.min(from.lane, to.lane) + 1;
		const bottom = Math.max(from.lane, to.lane) - 1;
		let free: Interval[] = [corridorSpan];
		for (let lane = top; lane <= bottom; lane++) free = intersect(free, laneFree[lane]!);
		const corridor: Corridor = { x: corridorSpan.to, top, bottom, free };
		const candidates = corridorCandidates(free, (from.centerX + to.centerX) / 2);
		corridor.x = candidates.find((x) => corridorFree(corridor, x)) ?? corridor.x;
		corridors.push(corridor);
		return corridor;
	};

	const routed: RoutedLink[] = valid.map(({ from, to, key }) => {
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
			corridor: skips ? corridorFor(from, to) : null
		};
	});

	// Ports: where an arrow meets a box edge. Each port wants to sit straight below or above where
	// the arrow heads (a straight line where two boxes overlap); ports of one edge keep a gap.
	const edges = new Map<string, Port[]>();
	const portOf = new Map<string, Port>();
	const portRange = (p: PlacedObjective): Interval => ({
		from: boxLeft(p) + o.portInset,
		to: boxLeft(p) + boxWidth - o.portInset
	});
	const clamp = (x: number, i: Interval) => Math.min(i.to, Math.max(i.from, x));
	const addPort = (
		link: RoutedLink,
		end: 'start' | 'end',
		objective: PlacedObjective,
		edge: 'top' | 'bottom',
		ideal: number,
		towards: number
	) => {
		const edgeId = `${objective.id}:${edge}`;
		const port: Port = {
			link,
			end,
			edgeId,
			channel: edge === 'top' ? objective.lane : objective.lane + 1,
			side: edge === 'top' ? 'below' : 'above',
			range: portRange(objective),
			ideal,
			towards,
			x: ideal
		};
		edges.set(edgeId, [...(edges.get(edgeId) ?? []), port]);
		portOf.set(`${link.key}:${end}`, port);
	};
	for (const link of routed) {
		const fromRange = portRange(link.from);
		const toRange = portRange(link.to);
		const startTowards = link.corridor?.x ?? link.to.centerX;
		const endTowards = link.corridor?.x ?? link.from.centerX;
		let startIdeal = clamp(startTowards, fromRange);
		let endIdeal = clamp(endTowards, toRange);
		const shared = intersect([fromRange], [toRange])[0];
		if (link.kind !== 'same_lane' && !link.corridor && shared) {
			startIdeal = endIdeal = clamp((link.from.centerX + link.to.centerX) / 2, shared);
		}
		addPort(
			link,
			'start',
			link.from,
			link.kind === 'down' ? 'bottom' : 'top',
			startIdeal,
			startTowards
		);
		addPort(link, 'end', link.to, link.kind === 'up' ? 'bottom' : 'top', endIdeal, endTowards);
	}
	for (const [, list] of [...edges.entries()].sort((a, b) => byKey(a[0], b[0]))) {
		list.sort(
			(a, b) =>
				a.ideal - b.ideal ||
				a.towards - b.towards ||
				byKey(a.link.key, b.link.key) ||
				(a.end === 'start' ? -1 : 1)
		);
		spreadPorts(list, list[0]!.range, o.portSpacing);
	}
	const startOf = (link: RoutedLink) => portOf.get(`${link.key}:start`)!;
	const endOf = (link: RoutedLink) => portOf.get(`${link.key}:end`)!;
	const partnerOf = (port: Port) => (port.end === 'start' ? endOf(port.link) : startOf(port.link));
	/** Whether a port may move to x: inside its edge, apart from the other ports of the edge and
	 * from the ports of other links across the same channel. */
	const portFits = (port: Port, x: number) =>
		x >= port.range.from - 0.01 &&
		x <= port.range.to + 0.01 &&
		// Apart from the other ports of the edge and in the same order (no new crossings).
		edges
			.get(port.edgeId)!
			.every(
				(p) =>
					p === port ||
					(Math.abs(p.x - x) >= o.portSpacing * 0.75 && p.x - x > 0 === p.x - port.x > 0)
			) &&
		[...portOf.values()].every(
			(p) =>
				p.link === port.link ||
				p.channel !== port.channel ||
				p.side === port.side ||
				Math.abs(p.x - x) >= o.portSpacing * 0.6
		);

	// Two ends of a link that nearly line up are lined up where there is room: no small jogs.
	for (const link of routed) {
		if (link.kind === 'same_lane' || link.corridor) continue;
		const start = startOf(link);
		const end = endOf(link);
		const jog = Math.abs(start.x - end.x);
		if (jog < 0.01 || jog > o.portSpacing * 1.5) continue;
		if (portFits(end, start.x)) end.x = start.x;
		else if (portFits(start, end.x)) start.x = end.x;
	}

	// Ports of different links facing each other across a channel would read as one line: move
	// one aside, preferably one that does not end a straight line.
	const allPorts = [...portOf.values()].sort(
		(a, b) => a.channel - b.channel || a.x - b.x || byKey(a.edgeId, b.edgeId)
	);
	const isStraight = (port: Port) => Math.abs(partnerOf(port).x - port.x) < 0.01;
	for (const a of allPorts) {
		for (const b of allPorts) {
			if (a.side !== 'above' || b.side !== 'below' || a.channel !== b.channel) continue;
			if (a.link === b.link || Math.abs(a.x - b.x) >= o.portSpacing * 0.6) continue;
			const movers = isStraight(b) && !isStraight(a) ? [a, b] : [b, a];
			let moved = false;
			for (const mover of movers) {
				for (let step = 1; step <= 8 && !moved; step++) {
					for (const sign of [1, -1]) {
						const x = mover.x + (sign * step * o.portSpacing) / 2;
						if (portFits(mover, x)) {
							mover.x = x;
							moved = true;
							break;
						}
					}
				}
				if (moved) break;
			}
		}
	}

	// A corridor next to the box it leaves or enters takes the port's x (no jog there); none runs
	// along the leg of another link in the channels where it begins and ends.
	for (const link of routed) {
		const corridor = link.corridor;
		if (!corridor) continue;
		const clear = (x: number) =>
			corridorFree(corridor, x) &&
			[...portOf.values()].every(
				(p) =>
					p.link === link ||
					!link.channels.includes(p.channel) ||
					Math.abs(p.x - x) >= o.portSpacing * 0.6
			);
		const start = startOf(link).x;
		const end = endOf(link).x;
		const x = [start, end, corridor.x, ...corridorCandidates(corridor.free, corridor.x)].find(
			clear
		);
		if (x !== undefined) corridor.x = x;
	}
	for (const port of portOf.values()) {
		if (port.end === 'start') port.link.startX = port.x;
		else port.link.endX = port.x;
	}

	// Tracks: horizontal runs in one channel that would overlap get different heights. Track 0 lies
	// nearest the lane below; arcs within that lane take the lowest tracks, so their two legs
	// down into the boxes cross no other run.
	const channelRuns = new Map<
		number,
		{ link: RoutedLink; run: number; a: number; b: number; group: number }[]
	>();
	for (const link of routed) {
		const cx = link.corridor?.x;
		const runs: [number, number][] =
			cx === undefined
				? [[link.startX, link.endX]]
				: [
						[link.startX, cx],
						[cx, link.endX]
					];
		link.channels.forEach((channel, run) => {
			const [x1, x2] = runs[run]!;
			const list = channelRuns.get(channel) ?? [];
			const group = link.kind === 'same_lane' ? 0 : 1;
			list.push({ link, run, a: Math.min(x1, x2), b: Math.max(x1, x2), group });
			channelRuns.set(channel, list);
		});
	}
	const trackCount = new Map<number, number>();
	for (const [channel, runs] of channelRuns) {
		runs.sort(
			(p, q) => p.group - q.group || p.a - q.a || p.b - q.b || byKey(p.link.key, q.link.key)
		);
		let used = 0;
		for (const group of [0, 1]) {
			const trackEnds: number[] = [];
			for (const r of runs.filter((run) => run.group === group)) {
				// A run without length (a straight leg) needs no track of its own.
				let track = trackEnds.findIndex((end) => end + o.trackSpacing <= r.a);
				if (track === -1) {
					track = trackEnds.length;
					trackEnds.push(r.b);
				} else trackEnds[track] = r.b;
				r.link.tracks[r.run] = used + track;
			}
			used += trackEnds.length;
		}
		trackCount.set(channel, used);
	}
	const channelNeed = (channel: number) => {
		const tracks = trackCount.get(channel) ?? 0;
		return tracks === 0 ? 0 : (tracks - 1) * o.trackSpacing + 2 * o.channelMargin;
	};

	const mapWidth = Math.max(width, ...corridors.map((c) => c.x + o.boxGap / 2));

	// Vertical: lane heights from their boxes, labels and the channels above and below.
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
	const height = y;

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

	const arrows: ArrowLayout[] = routed.map((link) => {
		const edgeY = (p: PlacedObjective, edge: 'top' | 'bottom') =>
			edge === 'top' ? boxTop[p.lane]! : boxBottom[p.lane]!;
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

	return {
		width: mapWidth,
		height,
		lineHeight: o.lineHeight,
		labelWidth: o.laneLabelWidth,
		lanes,
		boxes,
		arrows
	};
}
