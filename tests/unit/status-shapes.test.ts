import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import StatusBadge from '../../src/lib/components/ui/StatusBadge.svelte';
import StrategyMap from '../../src/lib/components/strategy-map/StrategyMap.svelte';
import StateMark from '../../src/routes/completeness/StateMark.svelte';
import type { Status } from '../../src/lib/domain/status/status';

/*
 * Status is never told by colour alone (WCAG 1.4.1): each status has a shape of its own, and the
 * badge, the strategy map's boxes and the completeness marks draw the same shape for the same
 * meaning. The shapes as a reader sees them: what is drawn, in which form.
 */
const check = ['circle r=7 filled', 'path M4.5 8.2l2.3 2.3 4.7-4.9'];
const triangle = ['path M8 1l7 13H1z filled', 'path M8 5.5v4.2M8 11.3v1.4'];
const crossedSquare = ['rect 13x13 filled', 'path M5 5l6 6M11 5l-6 6'];
const dash = ['circle r=6 outlined', 'path M5 8h6'];
const outlinedCheck = ['circle r=6.2 outlined', 'path M4.8 8.2l2.1 2.1 4.3-4.5'];

/** The drawn elements of the first icon in the markup, in a form that reads as a shape. */
function shapes(html: string, from = '<svg'): string[] {
	const start = html.indexOf('<', html.indexOf(from) + 1);
	const end = html.indexOf(from === '<svg' ? '</svg>' : '</g>', start);
	return [...html.slice(start, end).matchAll(/<(circle|path|rect)([^>]*)>/g)].map(([, tag, a]) => {
		const attr = (n: string) => a!.match(new RegExp(`\\s${n}="([^"]*)"`))?.[1];
		const fill = attr('fill') === 'currentColor' ? 'filled' : 'outlined';
		if (tag === 'circle') return `circle r=${attr('r')} ${fill}`;
		if (tag === 'rect') return `rect ${attr('width')}x${attr('height')} ${fill}`;
		return attr('fill') === 'currentColor' ? `path ${attr('d')} filled` : `path ${attr('d')}`;
	});
}

const byStatus: [Status, string[]][] = [
	['green', check],
	['yellow', triangle],
	['red', crossedSquare],
	['no_data', dash],
	['no_target', dash]
];

describe('status shapes', () => {
	it.each(byStatus)('the badge draws %s as its own shape', (status, shape) => {
		expect(shapes(render(StatusBadge, { props: { status } }).body)).toEqual(shape);
	});

	it.each(byStatus)('a strategy-map box draws %s as the badge does', (status, shape) => {
		const { body } = render(StrategyMap, {
			props: {
				label: 'Karte',
				links: [],
				perspectives: [{ id: 1, name: 'Finanzen', objectives: [{ id: 1, title: 'Ziel', status }] }]
			}
		});
		expect(shapes(body, '<g class="status-icon')).toEqual(shape);
	});

	it.each([
		['released', check],
		['submitted', outlinedCheck],
		['draft', triangle],
		['missing', crossedSquare],
		['no_kpis', dash],
		['no_scorecard', dash]
	] as const)('a completeness mark draws %s in the badge’s shapes', (state, shape) => {
		expect(shapes(render(StateMark, { props: { state, label: 'x' } }).body)).toEqual(shape);
	});
});
