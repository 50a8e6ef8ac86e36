import { describe, expect, it } from 'vitest';
import { placeLabels, stripLayout, type PlacedLabel, type StripPoint } from './strip-plot';
import { distributionOf } from '../statistics/distribution';

const overlaps = (a: PlacedLabel, b: PlacedLabel) =>
	a.lane === b.lane && a.x < b.x + b.width && b.x < a.x + a.width;

function expectNoCollisions(labels: PlacedLabel[], width: number) {
	for (const [i, a] of labels.entries()) {
		expect(a.x, a.id).toBeGreaterThanOrEqual(0);
		expect(a.x + a.width, a.id).toBeLessThanOrEqual(width);
		for (const b of labels.slice(i + 1)) expect(overlaps(a, b), `${a.id} × ${b.id}`).toBe(false);
	}
}

describe('label placement', () => {
	const options = { width: 300, charWidth: 7, gap: 6 };

	it('keeps a label centred on its value where there is room', () => {
		const [label] = placeLabels([{ id: 'a', text: 'Median 12', at: 150 }], options);
		// 9 characters × 7 px = 63 px, centred on 150.
		expect(label).toMatchObject({ x: 118.5, width: 63, lane: 0 });
	});

	it('moves a label at the edge inwards instead of cutting it off', () => {
		const [left, right] = placeLabels(
			[
				{ id: 'left', text: 'Köln: 1.234,5', at: 2 },
				{ id: 'right', text: 'Median 99,9', at: 298 }
			],
			options
		);
		expect(left!.x).toBe(0);
		expect(right!.x + right!.width).toBe(300);
		expect(left!.lane).toBe(0);
		expect(right!.lane).toBe(0);
	});

	it('puts a label that would collide on the next lane, the first one staying next to the axis', () => {
		const placed = placeLabels(
			[
				{ id: 'own', text: 'Düsseldorf (eigene Stadt): 12,4', at: 150 },
				{ id: 'median', text: 'Median 12,1', at: 154 },
				{ id: 'far', text: 'Max 40', at: 390 }
			],
			{ ...options, width: 400 }
		);
		expect(placed.map((l) => [l.id, l.lane])).toEqual([
			['own', 0],
			['median', 1],
			['far', 0]
		]);
		expectNoCollisions(placed, 400);
	});

	it('never lets labels overlap, however crowded', () => {
		const crowded = Array.from({ length: 40 }, (_, i) => ({
			id: `c${i}`,
			text: `Stadt ${i}: ${(i * 37) % 101}`,
			at: (i * 53) % 300
		}));
		expectNoCollisions(placeLabels(crowded, options), 300);
	});
});

describe('strip layout', () => {
	const format = (v: number) => v.toLocaleString('de-DE');
	const layoutOf = (points: StripPoint[], width = 340) =>
		stripLayout({
			points,
			distribution: distributionOf(points.map((p) => p.value)),
			width,
			fontSize: 12,
			format,
			ownText: (p) => `${p.name} (eigene Stadt): ${format(p.value)}`,
			medianText: (m) => `Median ${m}`
		});
	const points = [2, 4, 4, 5, 7, 9, 10].map((value, i) => ({
		name: `Stadt ${i}`,
		value,
		own: i === 3
	}));

	it('draws the box at the quartiles the table states (QUARTILE.INC)', () => {
		const layout = layoutOf(points);
		// By hand: 7 values, Q1 at position 1.5 → 4, median 5, Q3 at position 4.5 → 8; the axis
		// runs from 2 to 10 between 12 px margins: x(v) = 12 + (v − 2) / 8 × 316.
		const x = (v: number) => 12 + ((v - 2) / 8) * 316;
		expect(layout.box!.q1).toBeCloseTo(x(4), 6);
		expect(layout.box!.median).toBeCloseTo(x(5), 6);
		expect(layout.box!.q3).toBeCloseTo(x(8), 6);
		expect(layout.box!.min).toBeCloseTo(x(2), 6);
		expect(layout.box!.max).toBeCloseTo(x(10), 6);
	});

	it('stacks equal values instead of drawing one dot over the other', () => {
		const fours = layoutOf(points).dots.filter((d) => d.value === 4);
		expect(fours).toHaveLength(2);
		expect(fours[0]!.x).toBe(fours[1]!.x);
		expect(fours[0]!.row).not.toBe(fours[1]!.row);
	});

	it('names the own city and the median without collision, also on a phone', () => {
		for (const width of [340, 640]) {
			const layout = layoutOf(points, width);
			expect(layout.above.map((l) => l.id)).toEqual(['own', 'median']);
			expect(layout.above[0]!.text).toBe('Stadt 3 (eigene Stadt): 5');
			expectNoCollisions([...layout.above], width);
			expectNoCollisions([...layout.below], width);
			// Everything fits between the top and the bottom of the picture.
			const lanes = Math.max(...layout.above.map((l) => l.lane)) + 1;
			expect(layout.axisY - lanes * layout.lineHeight).toBeGreaterThan(0);
			expect(layout.height).toBeGreaterThan(layout.axisY + layout.lineHeight);
		}
	});

	it('has no own label for a viewer without a city, and copes with a single value', () => {
		const observer = layoutOf(points.map((p) => ({ ...p, own: false })));
		expect(observer.above.map((l) => l.id)).toEqual(['median']);
		const single = layoutOf([{ name: 'Essen', value: 3, own: false }]);
		expect(single.dots[0]!.x).toBeCloseTo(170, 6);
		expect(single.box!.q1).toBe(single.box!.q3);
	});
});
