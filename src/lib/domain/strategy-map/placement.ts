import type { LayoutOptions, MapLinkInput, MapPerspectiveInput } from './types';
import { wrapText } from './geometry';
import type { Placement, PlacedObjective } from './routing-types';

/** Horizontal: one box width for the whole map, boxes centred in equal slots of their lane. */
export function placeObjectives(
	perspectives: readonly MapPerspectiveInput[],
	o: LayoutOptions
): Placement {
	const mostObjectives = Math.max(1, ...perspectives.map((p) => p.objectives.length));
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
	return { width, boxWidth, placed, titles, boxLeft: (p) => p.centerX - boxWidth / 2 };
}

export interface ValidLink {
	from: PlacedObjective;
	to: PlacedObjective;
	key: string;
}

/**
 * The links worth drawing (both ends placed, no self links, no repeats), in a fixed order so
 * the drawing does not depend on the order they came in.
 */
export function orderedLinks(
	links: readonly MapLinkInput[],
	placed: ReadonlyMap<number, PlacedObjective>
): ValidLink[] {
	const seen = new Set<string>();
	const valid: ValidLink[] = [];
	for (const link of links) {
		const from = placed.get(link.fromObjectiveId);
		const to = placed.get(link.toObjectiveId);
		const key = `${link.fromObjectiveId}>${link.toObjectiveId}`;
		if (!from || !to || from === to || seen.has(key)) continue;
		seen.add(key);
		valid.push({ from, to, key });
	}
	return valid.sort(
		(a, b) =>
			a.from.lane - b.from.lane ||
			a.from.slot - b.from.slot ||
			a.to.lane - b.to.lane ||
			a.to.slot - b.to.slot
	);
}
