/** The layout's working state between its steps (see layout.ts); not part of its result. */
import type { ArrowKind } from './types';
import type { Interval } from './geometry';

export interface PlacedObjective {
	id: number;
	lane: number;
	slot: number;
	centerX: number;
}

export interface Corridor {
	x: number;
	/** The lanes it passes, and where in them it may run. */
	top: number;
	bottom: number;
	free: Interval[];
}

export interface RoutedLink {
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

export interface Port {
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

/** Where the objectives stand horizontally, and the one box width of the map. */
export interface Placement {
	width: number;
	boxWidth: number;
	placed: Map<number, PlacedObjective>;
	titles: Map<number, string[]>;
	boxLeft: (p: PlacedObjective) => number;
}
