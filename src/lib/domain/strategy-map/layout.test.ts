import { describe, expect, it } from 'vitest';
import { layoutStrategyMap } from './layout';
import { roundedPath, wrapText } from './geometry';
import type {
	BoxLayout,
	MapLinkInput,
	MapPerspectiveInput,
	Point,
	StrategyMapLayout
} from './types';

const objective = (id: number, title = `Ziel ${id}`) => ({ id, title });

/** Five lanes like the default perspectives, with one to three objectives each. */
const perspectives: MapPerspectiveInput[] = [
	{
		id: 1,
		name: 'Auftragserfüllung / Wirkung',
		objectives: [objective(11, 'Beihilfe zügig und korrekt festsetzen'), objective(12)]
	},
	{
		id: 2,
		name: 'Bürger / Kunden',
		objectives: [objective(21, 'Digitale Antragstellung anbieten')]
	},
	{
		id: 3,
		name: 'Finanzen',
		objectives: [objective(31, 'Bearbeitungskosten senken'), objective(32), objective(33)]
	},
	{
		id: 4,
		name: 'Prozesse',
		objectives: [objective(41, 'Produktivität der Sachbearbeitung steigern'), objective(42)]
	},
	{ id: 5, name: 'Mitarbeitende', objectives: [objective(51, 'Qualifizierung sichern')] }
];

const links: MapLinkInput[] = [
	{ fromObjectiveId: 41, toObjectiveId: 11 }, // skips two lanes, upwards
	{ fromObjectiveId: 51, toObjectiveId: 41 }, // neighbouring lanes, upwards
	{ fromObjectiveId: 51, toObjectiveId: 42 },
	{ fromObjectiveId: 31, toObjectiveId: 33 }, // within a lane, past the box between
	{ fromObjectiveId: 21, toObjectiveId: 33 }, // downwards
	{ fromObjectiveId: 12, toObjectiveId: 51 }, // from the top lane to the bottom one
	{ fromObjectiveId: 32, toObjectiveId: 12 }
];

/** Whether the segment a–b passes through the inside of the box (touching its edge is fine). */
function crossesBox(a: Point, b: Point, box: BoxLayout): boolean {
	const inset = 0.5;
	const left = box.x + inset;
	const right = box.x + box.width - inset;
	const top = box.y + inset;
	const bottom = box.y + box.height - inset;
	if (a.x === b.x) {
		return a.x > left && a.x < right && Math.max(a.y, b.y) > top && Math.min(a.y, b.y) < bottom;
	}
	return a.y > top && a.y < bottom && Math.max(a.x, b.x) > left && Math.min(a.x, b.x) < right;
}

const boxOf = (layout: StrategyMapLayout, id: number) =>
	layout.boxes.find((b) => b.objectiveId === id)!;

describe('wrapText', () => {
	it('breaks at spaces within the line length', () => {
		expect(wrapText('Produktivität der Sachbearbeitung steigern', 20)).toEqual([
			'Produktivität der',
			'Sachbearbeitung',
			'steigern'
		]);
	});

	it('hyphenates words longer than a line and normalises spaces', () => {
		const lines = wrapText('  Beihilfe-Festsetzungsbearbeitungszeitverkürzung   jetzt ', 12);
		expect(lines.every((l) => l.length <= 12)).toBe(true);
		// Taking the hyphens at line ends away gives the text back.
		const rejoined = lines.map((l) => (l.endsWith('-') ? l.slice(0, -1) : `${l} `)).join('');
		expect(rejoined.trim()).toBe('Beihilfe-Festsetzungsbearbeitungszeitverkürzung jetzt');
		expect(lines[0]).toMatch(/-$/);
		expect(lines.at(-1)).toMatch(/jetzt$/);
	});

	it('ends with an ellipsis when there are more lines than allowed', () => {
		const lines = wrapText('eins zwei drei vier fünf sechs sieben acht', 10, 2);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toMatch(/…$/);
		expect(lines[1]!.length).toBeLessThanOrEqual(10);
	});

	it('gives no lines for empty text', () => {
		expect(wrapText('   ', 10)).toEqual([]);
	});
});

describe('roundedPath', () => {
	it('draws straight lines with rounded corners', () => {
		expect(
			roundedPath(
				[
					{ x: 0, y: 100 },
					{ x: 0, y: 50 },
					{ x: 40, y: 50 },
					{ x: 40, y: 0 }
				],
				6
			)
		).toBe('M0 100 L0 56 Q0 50 6 50 L34 50 Q40 50 40 44 L40 0');
	});

	it('keeps a straight line straight', () => {
		expect(
			roundedPath(
				[
					{ x: 5, y: 10 },
					{ x: 5, y: 0 }
				],
				6
			)
		).toBe('M5 10 L5 0');
	});
});

describe('layoutStrategyMap', () => {
	const layout = layoutStrategyMap(perspectives, links);

	it('stacks one lane per perspective in the given order, without gaps', () => {
		expect(layout.lanes.map((l) => l.perspectiveId)).toEqual([1, 2, 3, 4, 5]);
		let y = 0;
		for (const lane of layout.lanes) {
			expect(lane.y).toBeCloseTo(y, 5);
			expect(lane.width).toBe(layout.width);
			y += lane.height;
		}
		expect(layout.height).toBeCloseTo(y, 5);
		expect(layout.lanes[0]!.labelLines).toEqual(['Auftragserfüllung /', 'Wirkung']);
	});

	it('puts every box inside its lane, right of the labels, without overlaps', () => {
		expect(layout.boxes).toHaveLength(9);
		for (const box of layout.boxes) {
			const lane = layout.lanes[box.laneIndex]!;
			expect(lane.perspectiveId).toBe(box.perspectiveId);
			expect(box.y).toBeGreaterThan(lane.y);
			expect(box.y + box.height).toBeLessThan(lane.y + lane.height);
			expect(box.x).toBeGreaterThan(170);
			expect(box.x + box.width).toBeLessThanOrEqual(layout.width);
		}
		for (const a of layout.boxes) {
			for (const b of layout.boxes) {
				if (a === b || a.laneIndex !== b.laneIndex) continue;
				expect(a.x + a.width <= b.x || b.x + b.width <= a.x).toBe(true);
			}
		}
		// Boxes keep the order of their objectives from left to right.
		const finance = layout.boxes.filter((b) => b.laneIndex === 2).map((b) => b.objectiveId);
		expect(finance).toEqual([31, 32, 33]);
	});

	it('wraps long titles inside the box and grows the box with them', () => {
		const long = layoutStrategyMap(
			[
				{
					id: 1,
					name: 'Finanzen',
					objectives: [
						objective(
							1,
							'Elektronischen Rechnungsverkehr mit Lieferanten ausbauen und medienbruchfrei bearbeiten'
						),
						objective(2, 'Kurz')
					]
				}
			],
			[]
		);
		const [first, second] = long.boxes;
		expect(first!.titleLines.length).toBeGreaterThan(1);
		const maxChars = Math.max(...first!.titleLines.map((l) => l.length));
		expect(maxChars * 7.4).toBeLessThanOrEqual(first!.width - 20);
		// One height per lane keeps the row tidy.
		expect(second!.height).toBe(first!.height);
		expect(first!.footerY).toBeGreaterThan(first!.textY + (first!.titleLines.length - 1) * 18);
		expect(first!.footerY).toBeLessThan(first!.y + first!.height);
	});

	it('draws every valid link once, from the cause to the effect, between the box edges', () => {
		expect(layout.arrows).toHaveLength(links.length);
		for (const arrow of layout.arrows) {
			const from = boxOf(layout, arrow.fromObjectiveId);
			const to = boxOf(layout, arrow.toObjectiveId);
			const start = arrow.points[0]!;
			const end = arrow.points.at(-1)!;
			expect(start.x).toBeGreaterThan(from.x);
			expect(start.x).toBeLessThan(from.x + from.width);
			expect([from.y, from.y + from.height]).toContainEqual(start.y);
			expect(end.x).toBeGreaterThan(to.x);
			expect(end.x).toBeLessThan(to.x + to.width);
			expect([to.y, to.y + to.height]).toContainEqual(end.y);
			expect(arrow.d.startsWith(`M${start.x} ${start.y}`)).toBe(true);
			expect(arrow.d.endsWith(`L${end.x} ${end.y}`)).toBe(true);
		}
		const up = layout.arrows.find((a) => a.fromObjectiveId === 51 && a.toObjectiveId === 41)!;
		expect(up.kind).toBe('up');
		expect(up.points[0]!.y).toBe(boxOf(layout, 51).y);
		expect(up.points.at(-1)!.y).toBe(boxOf(layout, 41).y + boxOf(layout, 41).height);
		const down = layout.arrows.find((a) => a.fromObjectiveId === 21)!;
		expect(down.kind).toBe('down');
		expect(down.points.at(-1)!.y).toBe(boxOf(layout, 33).y);
	});

	it('routes arrows only horizontally and vertically, never through a box', () => {
		for (const arrow of layout.arrows) {
			for (let i = 1; i < arrow.points.length; i++) {
				const a = arrow.points[i - 1]!;
				const b = arrow.points[i]!;
				expect(a.x === b.x || a.y === b.y, `${arrow.d}`).toBe(true);
				for (const box of layout.boxes) {
					expect(
						crossesBox(a, b, box),
						`${arrow.fromObjectiveId}→${arrow.toObjectiveId} crosses ${box.objectiveId}`
					).toBe(false);
				}
			}
		}
	});

	it('lets a link within a lane curve around above the boxes between', () => {
		const arrow = layout.arrows.find((a) => a.fromObjectiveId === 31)!;
		expect(arrow.kind).toBe('same_lane');
		const top = boxOf(layout, 32).y;
		expect(Math.min(...arrow.points.map((p) => p.y))).toBeLessThan(top);
		expect(arrow.points[0]!.y).toBe(top);
		expect(arrow.points.at(-1)!.y).toBe(top);
		expect(arrow.d).toContain('Q');
	});

	it('sends a lane-skipping link up a corridor free of boxes', () => {
		const arrow = layout.arrows.find((a) => a.fromObjectiveId === 41 && a.toObjectiveId === 11)!;
		const verticals = arrow.points
			.slice(1)
			.map((p, i) => [arrow.points[i]!, p] as const)
			.filter(([a, b]) => a.x === b.x);
		const corridor = verticals.reduce((longest, s) =>
			Math.abs(s[0].y - s[1].y) > Math.abs(longest[0].y - longest[1].y) ? s : longest
		);
		// The corridor passes the box rows of Bürger / Kunden and Finanzen (and no box there).
		for (const box of layout.boxes.filter((b) => b.laneIndex === 1 || b.laneIndex === 2)) {
			expect(Math.min(corridor[0].y, corridor[1].y)).toBeLessThan(box.y);
			expect(Math.max(corridor[0].y, corridor[1].y)).toBeGreaterThan(box.y + box.height);
			expect(corridor[0].x < box.x || corridor[0].x > box.x + box.width).toBe(true);
		}
	});

	it('keeps overlapping horizontal runs of one channel apart', () => {
		const runs = layout.arrows.flatMap((arrow) =>
			arrow.points
				.slice(1)
				.map((p, i) => ({ a: arrow.points[i]!, b: p, arrow }))
				.filter((s) => s.a.y === s.b.y)
		);
		for (const r of runs) {
			for (const s of runs) {
				if (r.arrow === s.arrow) continue;
				const overlap =
					Math.min(Math.max(r.a.x, r.b.x), Math.max(s.a.x, s.b.x)) -
					Math.max(Math.min(r.a.x, r.b.x), Math.min(s.a.x, s.b.x));
				if (overlap > 0) expect(r.a.y).not.toBe(s.a.y);
			}
		}
	});

	it('spreads the arrows at one box edge apart, ordered by where they lead', () => {
		const fromStaff = layout.arrows.filter((a) => a.fromObjectiveId === 51);
		const starts = fromStaff.map((a) => a.points[0]!.x);
		expect(new Set(starts).size).toBe(2);
		const toLeft = fromStaff.find((a) => a.toObjectiveId === 41)!;
		const toRight = fromStaff.find((a) => a.toObjectiveId === 42)!;
		expect(toLeft.points[0]!.x).toBeLessThan(toRight.points[0]!.x);
	});

	it('draws a straight line between boxes of neighbouring lanes that lie above each other', () => {
		// The middle box of Finanzen lies right below Digitale Antragstellung.
		const straight = layoutStrategyMap(perspectives, [{ fromObjectiveId: 32, toObjectiveId: 21 }]);
		const [arrow] = straight.arrows;
		expect(arrow!.points).toHaveLength(2);
		expect(arrow!.points[0]!.x).toBe(arrow!.points[1]!.x);
		expect(arrow!.d).not.toContain('Q');
	});

	it('leaves a box straight into a corridor next to it', () => {
		const arrow = layout.arrows.find((a) => a.fromObjectiveId === 41 && a.toObjectiveId === 11)!;
		// Produktivität (left box of Prozesse): the corridor passes right of it, so no jog at the start.
		expect(arrow.points[0]!.x).toBe(arrow.points[1]!.x);
		expect(arrow.points[1]!.y).toBeLessThan(layout.lanes[2]!.y);
	});

	it('keeps the ports of one edge apart and inside the edge', () => {
		// Five arrows into one box: all at distinct places on its top edge, at least 20 apart.
		const crowded = layoutStrategyMap(
			[
				{ id: 1, name: 'Oben', objectives: [objective(1)] },
				{ id: 2, name: 'Unten', objectives: [2, 3, 4, 5, 6].map((i) => objective(i)) }
			],
			[2, 3, 4, 5, 6].map((i) => ({ fromObjectiveId: i, toObjectiveId: 1 }))
		);
		const box = crowded.boxes.find((b) => b.objectiveId === 1)!;
		const ends = crowded.arrows.map((a) => a.points.at(-1)!.x).sort((a, b) => a - b);
		expect(ends).toHaveLength(5);
		for (let i = 1; i < ends.length; i++) expect(ends[i]! - ends[i - 1]!).toBeGreaterThan(20);
		expect(ends[0]).toBeGreaterThan(box.x);
		expect(ends.at(-1)).toBeLessThan(box.x + box.width);
		// From left to right in the order of their causes, so the arrows do not cross.
		const order = crowded.arrows
			.slice()
			.sort((a, b) => a.points.at(-1)!.x - b.points.at(-1)!.x)
			.map((a) => a.fromObjectiveId);
		expect(order).toEqual([2, 3, 4, 5, 6]);
	});

	it('keeps a busy map readable: no box crossed, no two arrows on one vertical line', () => {
		const lane = (id: number, names: string[]) => ({
			id,
			name: `Perspektive ${id}`,
			objectives: names.map((title, i) => objective(id * 10 + i, title))
		});
		const busy = layoutStrategyMap(
			[
				lane(1, ['Wirkung A', 'Wirkung B mit einem etwas längeren Titel', 'Wirkung C']),
				lane(2, ['Kunden A', 'Kunden B']),
				lane(3, ['Finanzen A', 'Finanzen B', 'Finanzen C']),
				lane(4, ['Prozess A', 'Prozess B mit einem sehr langen Titel', 'Prozess C', 'Prozess D']),
				lane(5, ['Personal A', 'Personal B'])
			],
			[
				[51, 20],
				[50, 21],
				[51, 41],
				[41, 20],
				[42, 30],
				[43, 31],
				[31, 20],
				[21, 10],
				[30, 11],
				[20, 10],
				[32, 12],
				[50, 40],
				[41, 43],
				[10, 12],
				[50, 51],
				[40, 32],
				[12, 40]
			].map(([fromObjectiveId, toObjectiveId]) => ({
				fromObjectiveId: fromObjectiveId!,
				toObjectiveId: toObjectiveId!
			}))
		);
		expect(busy.arrows).toHaveLength(17);
		const verticals = busy.arrows.flatMap((arrow) =>
			arrow.points
				.slice(1)
				.map((p, i) => ({ a: arrow.points[i]!, b: p, arrow }))
				.filter((s) => s.a.x === s.b.x)
		);
		for (const v of verticals) {
			for (const box of busy.boxes) expect(crossesBox(v.a, v.b, box)).toBe(false);
			for (const w of verticals) {
				if (v.arrow === w.arrow || Math.abs(v.a.x - w.a.x) >= 5) continue;
				const overlap =
					Math.min(Math.max(v.a.y, v.b.y), Math.max(w.a.y, w.b.y)) -
					Math.max(Math.min(v.a.y, v.b.y), Math.min(w.a.y, w.b.y));
				expect(
					overlap,
					`${v.arrow.fromObjectiveId}→${v.arrow.toObjectiveId} and ${w.arrow.fromObjectiveId}→${w.arrow.toObjectiveId}`
				).toBeLessThan(0);
			}
		}
		for (const arrow of busy.arrows) {
			expect(arrow.points.every((p) => p.x > 170 && p.x < busy.width)).toBe(true);
		}
	});

	it('routes every link of many random maps orthogonally, between box edges, through no box', () => {
		// A small deterministic generator: the same maps on every run.
		let seed = 7;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const pick = (n: number) => Math.floor(random() * n);
		const words = ['Kosten', 'senken', 'Qualität', 'sichern', 'und', 'Digitalisierung', 'Kunden'];
		for (let run = 0; run < 150; run++) {
			let id = 1;
			const map = Array.from({ length: 1 + pick(6) }, (_, lane) => ({
				id: lane + 1,
				name: `Perspektive ${lane + 1}`,
				objectives: Array.from({ length: pick(5) }, () =>
					objective(
						id++,
						Array.from({ length: 1 + pick(8) }, () => words[pick(words.length)]).join(' ')
					)
				)
			}));
			const randomLinks = Array.from({ length: pick(14) }, () => ({
				fromObjectiveId: 1 + pick(id - 1),
				toObjectiveId: 1 + pick(id - 1)
			}));
			const result = layoutStrategyMap(map, randomLinks);
			for (const arrow of result.arrows) {
				const from = boxOf(result, arrow.fromObjectiveId);
				const to = boxOf(result, arrow.toObjectiveId);
				expect([from.y, from.y + from.height]).toContain(arrow.points[0]!.y);
				expect([to.y, to.y + to.height]).toContain(arrow.points.at(-1)!.y);
				const last = arrow.points.at(-1)!;
				const beforeLast = arrow.points.at(-2)!;
				// Room for the arrowhead on the last straight piece.
				expect(Math.abs(last.y - beforeLast.y)).toBeGreaterThanOrEqual(14);
				for (let i = 1; i < arrow.points.length; i++) {
					const a = arrow.points[i - 1]!;
					const b = arrow.points[i]!;
					expect(a.x === b.x || a.y === b.y).toBe(true);
					expect(Math.min(a.x, b.x)).toBeGreaterThan(170);
					expect(Math.max(a.x, b.x)).toBeLessThan(result.width);
					for (const box of result.boxes) expect(crossesBox(a, b, box)).toBe(false);
				}
			}
		}
	});

	it('is deterministic and independent of the order of the links', () => {
		const again = layoutStrategyMap(perspectives, links);
		const shuffled = layoutStrategyMap(perspectives, [...links].reverse());
		expect(again).toEqual(layout);
		expect(shuffled).toEqual(layout);
	});

	it('ignores self links, repeats and links to objectives not on the map', () => {
		const result = layoutStrategyMap(perspectives, [
			{ fromObjectiveId: 11, toObjectiveId: 11 },
			{ fromObjectiveId: 11, toObjectiveId: 999 },
			{ fromObjectiveId: 21, toObjectiveId: 11 },
			{ fromObjectiveId: 21, toObjectiveId: 11 }
		]);
		expect(result.arrows.map((a) => `${a.fromObjectiveId}>${a.toObjectiveId}`)).toEqual(['21>11']);
	});

	it('widens the drawing when a lane holds more objectives than fit', () => {
		const crowded = layoutStrategyMap(
			[
				{
					id: 1,
					name: 'Prozesse',
					objectives: Array.from({ length: 9 }, (_, i) => objective(i + 1))
				}
			],
			[]
		);
		expect(crowded.width).toBeGreaterThan(1000);
		expect(crowded.boxes.every((b) => b.width >= 130)).toBe(true);
		const normal = layoutStrategyMap(perspectives, []);
		expect(normal.width).toBe(1000);
	});

	it('draws lanes without objectives and an empty map', () => {
		const result = layoutStrategyMap(
			[
				{ id: 1, name: 'Finanzen', objectives: [] },
				{ id: 2, name: 'Prozesse', objectives: [objective(1)] }
			],
			[]
		);
		expect(result.lanes).toHaveLength(2);
		expect(result.lanes[0]!.height).toBeGreaterThan(0);
		expect(result.boxes).toHaveLength(1);
		const empty = layoutStrategyMap([], []);
		expect(empty).toMatchObject({ height: 0, lanes: [], boxes: [], arrows: [] });
	});

	it('makes room in a channel for as many tracks as its runs need', () => {
		// Five links from one box to the five boxes above: five overlapping runs in one channel.
		const wide = layoutStrategyMap(
			[
				{ id: 1, name: 'Oben', objectives: [1, 2, 3, 4, 5].map((i) => objective(i)) },
				{ id: 2, name: 'Unten', objectives: [objective(6), objective(7)] }
			],
			[1, 2, 3, 4, 5].map((i) => ({ fromObjectiveId: 7, toObjectiveId: i }))
		);
		const ys = new Set(wide.arrows.map((a) => a.points[1]!.y));
		expect(ys.size).toBeGreaterThan(1);
		const top = wide.boxes.find((b) => b.objectiveId === 1)!;
		const bottom = wide.boxes.find((b) => b.objectiveId === 7)!;
		for (const y of ys) {
			expect(y).toBeGreaterThan(top.y + top.height);
			expect(y).toBeLessThan(bottom.y);
		}
	});
});
