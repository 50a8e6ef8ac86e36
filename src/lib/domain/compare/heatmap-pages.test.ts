import { describe, expect, it } from 'vitest';
import { pageRows, rowsPerPage } from './heatmap-pages';

const rows = (names: string[], own = '') => names.map((name) => ({ name, own: name === own }));
const names = Array.from({ length: 7 }, (_, i) => `Stadt ${String.fromCharCode(65 + i)}`);

describe('heatmap pages', () => {
	it('cuts the rows into pages named by their first and last municipality', () => {
		const p = pageRows(rows(names), 2, 3);
		expect(p.rows.map((r) => r.name)).toEqual(['Stadt D', 'Stadt E', 'Stadt F']);
		expect(p.pages).toEqual([
			{ number: 1, first: 'Stadt A', last: 'Stadt C' },
			{ number: 2, first: 'Stadt D', last: 'Stadt F' },
			{ number: 3, first: 'Stadt G', last: 'Stadt G' }
		]);
		expect(p.total).toBe(7);
	});

	it('reaches every row exactly once over all pages', () => {
		const seen = [1, 2, 3].flatMap((n) => pageRows(rows(names), n, 3).rows.map((r) => r.name));
		expect(seen).toEqual(names);
	});

	it('shows a ring that fits one page as one page', () => {
		const p = pageRows(rows(names.slice(0, 5)), 1, 40);
		expect(p.pages).toHaveLength(1);
		expect(p.rows).toHaveLength(5);
	});

	it('keeps the own city in sight on the other pages, not twice on its own', () => {
		expect(pageRows(rows(names, 'Stadt F'), 1, 3).pinned.map((r) => r.name)).toEqual(['Stadt F']);
		expect(pageRows(rows(names, 'Stadt F'), 2, 3).pinned).toEqual([]);
	});

	it('shows the last page for a number past the end and the first for nonsense', () => {
		expect(pageRows(rows(names), 9, 3).page).toBe(3);
		expect(pageRows(rows(names), 0, 3).page).toBe(1);
		expect(pageRows(rows(names), Number.NaN, 3).page).toBe(1);
		expect(pageRows([], 1, 3)).toMatchObject({ page: 1, rows: [], total: 0 });
	});

	it('puts fewer municipalities on a page the more KPIs a field has', () => {
		expect(rowsPerPage(20)).toBe(30);
		expect(rowsPerPage(40)).toBe(15);
		expect(rowsPerPage(5)).toBe(100);
		expect(rowsPerPage(200)).toBe(10);
		expect(rowsPerPage(0)).toBe(100);
	});
});
