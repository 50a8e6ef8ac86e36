import { describe, expect, it } from 'vitest';
import { linesOf, paginate } from './paginate';

describe('paginate', () => {
	it('fills each page up to its capacity, in order', () => {
		expect(paginate([1, 1, 1, 1, 1], () => 1, 2)).toEqual([[1, 1], [1, 1], [1]]);
	});
	it('gives a row heavier than a page a page of its own', () => {
		expect(paginate(['a', 'big', 'b'], (r) => (r === 'big' ? 9 : 1), 3)).toEqual([
			['a'],
			['big'],
			['b']
		]);
	});
	it('makes no page of nothing', () => {
		expect(paginate([], () => 1, 3)).toEqual([]);
	});
	it('counts wrapped and explicit lines', () => {
		expect(linesOf('x'.repeat(25), 10)).toBe(3);
		expect(linesOf('a\nb', 10)).toBe(2);
	});
});
