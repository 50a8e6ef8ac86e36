import type { LayoutOptions } from './types';
import { byKey, intersect, spreadPorts, type Interval } from './geometry';
import type { Placement, PlacedObjective, Port, RoutedLink } from './routing-types';
import type { CorridorPlanner } from './corridors';

/**
 * Ports: where an arrow meets a box edge. Each port wants to sit straight below or above where
 * the arrow heads (a straight line where two boxes overlap); ports of one edge keep a gap. Sets
 * each link's `startX` and `endX`, and moves corridors next to the ports they serve.
 */
export function placePorts(
	routed: readonly RoutedLink[],
	placement: Placement,
	planner: CorridorPlanner,
	o: LayoutOptions
): void {
	const ports = createPorts(routed, placement, o);
	alignNearlyStraight(routed, ports, o);
	separateFacingPorts(ports, o);
	snapCorridors(routed, ports, planner, o);
	for (const port of ports.portOf.values()) {
		if (port.end === 'start') port.link.startX = port.x;
		else port.link.endX = port.x;
	}
}

interface Ports {
	edges: Map<string, Port[]>;
	portOf: Map<string, Port>;
	startOf: (link: RoutedLink) => Port;
	endOf: (link: RoutedLink) => Port;
	/** Whether a port may move to x: inside its edge, apart from the other ports of the edge
	 * and from the ports of other links across the same channel. */
	fits: (port: Port, x: number) => boolean;
}

function createPorts(routed: readonly RoutedLink[], placement: Placement, o: LayoutOptions): Ports {
	const { boxLeft, boxWidth } = placement;
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
	const fits = (port: Port, x: number) =>
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
	return {
		edges,
		portOf,
		startOf: (link) => portOf.get(`${link.key}:start`)!,
		endOf: (link) => portOf.get(`${link.key}:end`)!,
		fits
	};
}

/** Two ends of a link that nearly line up are lined up where there is room: no small jogs. */
function alignNearlyStraight(routed: readonly RoutedLink[], ports: Ports, o: LayoutOptions) {
	for (const link of routed) {
		if (link.kind === 'same_lane' || link.corridor) continue;
		const start = ports.startOf(link);
		const end = ports.endOf(link);
		const jog = Math.abs(start.x - end.x);
		if (jog < 0.01 || jog > o.portSpacing * 1.5) continue;
		if (ports.fits(end, start.x)) end.x = start.x;
		else if (ports.fits(start, end.x)) start.x = end.x;
	}
}

/**
 * Ports of different links facing each other across a channel would read as one line: move
 * one aside, preferably one that does not end a straight line.
 */
function separateFacingPorts(ports: Ports, o: LayoutOptions) {
	const partnerOf = (port: Port) =>
		port.end === 'start' ? ports.endOf(port.link) : ports.startOf(port.link);
	const allPorts = [...ports.portOf.values()].sort(
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
						if (ports.fits(mover, x)) {
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
}

/**
 * A corridor next to the box it leaves or enters takes the port's x (no jog there); none runs
 * along the leg of another link in the channels where it begins and ends.
 */
function snapCorridors(
	routed: readonly RoutedLink[],
	ports: Ports,
	planner: CorridorPlanner,
	o: LayoutOptions
) {
	for (const link of routed) {
		const corridor = link.corridor;
		if (!corridor) continue;
		const clear = (x: number) =>
			planner.isFree(corridor, x) &&
			[...ports.portOf.values()].every(
				(p) =>
					p.link === link ||
					!link.channels.includes(p.channel) ||
					Math.abs(p.x - x) >= o.portSpacing * 0.6
			);
		const start = ports.startOf(link).x;
		const end = ports.endOf(link).x;
		const x = [start, end, corridor.x, ...planner.candidates(corridor.free, corridor.x)].find(
			clear
		);
		if (x !== undefined) corridor.x = x;
	}
}
