import type { Point } from './types';

/**
 * Geometry for the strategy map: text wrapping, rounded orthogonal paths, free intervals on a
 * line and spreading ports along a box edge. Pure; used by layout.ts.
 */

/**
 * Splits text into lines of at most maxChars characters at spaces (a lone dash or slash may stick
 * out by two); words longer than a line are hyphenated. More than maxLines lines: the last one
 * ends with an ellipsis.
 */
export function wrapText(text: string, maxChars: number, maxLines = Infinity): string[] {
	const width = Math.max(2, Math.floor(maxChars));
	const words = text.trim().split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	for (let word of words) {
		while (word.length > width) {
			// A word longer than a line: fill the current line (or a fresh one) and hyphenate.
			const room = line ? width - line.length - 1 : width;
			if (room < 3) {
				lines.push(line);
				line = '';
				continue;
			}
			// Leave at least three letters for the next line.
			const take = Math.min(room - 1, word.length - 3);
			const head = word.slice(0, take) + '-';
			lines.push(line ? `${line} ${head}` : head);
			line = '';
			word = word.slice(take);
		}
		// A lone dash or slash stays with the word before it, even a little past the line end.
		const punctuation = /^[^\p{L}\p{N}]{1,2}$/u.test(word);
		if (!line) line = word;
		else if (line.length + 1 + word.length <= width + (punctuation ? 2 : 0)) line += ` ${word}`;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, Math.max(1, maxLines));
	const last = kept[kept.length - 1]!;
	kept[kept.length - 1] = (last.length >= width ? last.slice(0, width - 1) : last).trimEnd() + '…';
	return kept;
}

export const round = (v: number) => Math.round(v * 10) / 10;

/** SVG path through the points, corners rounded with at most the given radius. */
export function roundedPath(points: readonly Point[], radius: number): string {
	if (points.length === 0) return '';
	const first = points[0]!;
	const parts = [`M${round(first.x)} ${round(first.y)}`];
	for (let i = 1; i < points.length - 1; i++) {
		const prev = points[i - 1]!;
		const at = points[i]!;
		const next = points[i + 1]!;
		const before = Math.hypot(at.x - prev.x, at.y - prev.y);
		const after = Math.hypot(next.x - at.x, next.y - at.y);
		const r = Math.min(radius, before / 2, after / 2);
		if (r <= 0.05) {
			parts.push(`L${round(at.x)} ${round(at.y)}`);
			continue;
		}
		const inX = at.x + ((prev.x - at.x) / before) * r;
		const inY = at.y + ((prev.y - at.y) / before) * r;
		const outX = at.x + ((next.x - at.x) / after) * r;
		const outY = at.y + ((next.y - at.y) / after) * r;
		parts.push(`L${round(inX)} ${round(inY)}`);
		parts.push(`Q${round(at.x)} ${round(at.y)} ${round(outX)} ${round(outY)}`);
	}
	if (points.length > 1) {
		const last = points[points.length - 1]!;
		parts.push(`L${round(last.x)} ${round(last.y)}`);
	}
	return parts.join(' ');
}

/** Points without repeats and without middle points on a straight line. */
export function simplify(points: Point[]): Point[] {
	const out: Point[] = [];
	for (const p of points) {
		const last = out[out.length - 1];
		if (last && Math.abs(last.x - p.x) < 0.01 && Math.abs(last.y - p.y) < 0.01) continue;
		const before = out[out.length - 2];
		if (
			before &&
			last &&
			((Math.abs(before.x - last.x) < 0.01 && Math.abs(last.x - p.x) < 0.01) ||
				(Math.abs(before.y - last.y) < 0.01 && Math.abs(last.y - p.y) < 0.01))
		) {
			out[out.length - 1] = p;
			continue;
		}
		out.push(p);
	}
	return out;
}

export interface Interval {
	from: number;
	to: number;
}

/** Parts of [from, to] not covered by any of the blocked intervals. */
export function freeIntervals(from: number, to: number, blocked: Interval[]): Interval[] {
	const sorted = [...blocked].sort((a, b) => a.from - b.from);
	const free: Interval[] = [];
	let cursor = from;
	for (const b of sorted) {
		if (b.from > cursor) free.push({ from: cursor, to: Math.min(b.from, to) });
		cursor = Math.max(cursor, b.to);
		if (cursor >= to) break;
	}
	if (cursor < to) free.push({ from: cursor, to });
	return free.filter((i) => i.to - i.from > 0);
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
	const out: Interval[] = [];
	for (const x of a) {
		for (const y of b) {
			const from = Math.max(x.from, y.from);
			const to = Math.min(x.to, y.to);
			if (to > from) out.push({ from, to });
		}
	}
	return out.sort((p, q) => p.from - q.from);
}

export const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Moves the ports of one edge (sorted by their ideal x) as little as possible so that neighbours
 * keep the gap and all stay in range: isotonic regression (pool adjacent violators).
 */
export function spreadPorts(list: { ideal: number; x: number }[], range: Interval, gap: number) {
	const n = list.length;
	if (n === 0) return;
	const g = n > 1 ? Math.min(gap, (range.to - range.from) / (n - 1)) : 0;
	// With y_i = x_i - i·g the gap condition becomes y non-decreasing.
	const blocks: { sum: number; count: number }[] = [];
	list.forEach((port, i) => {
		blocks.push({ sum: port.ideal - i * g, count: 1 });
		while (blocks.length > 1) {
			const last = blocks[blocks.length - 1]!;
			const before = blocks[blocks.length - 2]!;
			if (before.sum / before.count <= last.sum / last.count) break;
			before.sum += last.sum;
			before.count += last.count;
			blocks.pop();
		}
	});
	let i = 0;
	for (const block of blocks) {
		const y = Math.min(range.to - (n - 1) * g, Math.max(range.from, block.sum / block.count));
		for (let k = 0; k < block.count; k++, i++) list[i]!.x = y + i * g;
	}
}
