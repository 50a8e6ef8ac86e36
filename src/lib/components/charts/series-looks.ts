import type { LineSeries } from './line-chart';

export type SeriesLook = Pick<
	LineSeries,
	'color' | 'dash' | 'pointStyle' | 'pointRotation' | 'hollow' | 'emphasis'
>;

/**
 * Ten city lines that stay apart without colour: each has its own dash pattern and its own marker
 * (shape, turned or hollow). Colours: Okabe–Ito without yellow and black, then four of Paul Tol's
 * dark ones. Kept clear of the median (grey, [2, 2], cross), the targets (black, [6, 4] and
 * [14, 4]) and the definition-break marker (rectRot).
 */
export const cityLooks: readonly SeriesLook[] = [
	{ color: '#0072B2', dash: [], pointStyle: 'circle' },
	{ color: '#D55E00', dash: [8, 4], pointStyle: 'rect' },
	{ color: '#009E73', dash: [2, 3], pointStyle: 'triangle' },
	{ color: '#CC79A7', dash: [12, 4, 2, 4], pointStyle: 'star' },
	{ color: '#E69F00', dash: [4, 4], pointStyle: 'crossRot' },
	{ color: '#56B4E9', dash: [1, 2], pointStyle: 'rectRounded' },
	{ color: '#332288', dash: [20, 5], pointStyle: 'triangle', pointRotation: 180 },
	{ color: '#882255', dash: [8, 3, 2, 3, 2, 3], pointStyle: 'circle', hollow: true },
	{ color: '#661100', dash: [3, 8], pointStyle: 'rect', hollow: true },
	{ color: '#999933', dash: [16, 4, 4, 4], pointStyle: 'triangle', hollow: true }
];

/** How a look is told apart without colour: its dash and its marker. */
export const lookShape = (look: SeriesLook) =>
	`${(look.dash ?? []).join(',')}|${look.pointStyle}|${look.pointRotation ?? 0}|${look.hollow ?? false}`;

/**
 * The own city's line: solid, dark blue and (through `emphasis`) thickest and on top. Other
 * cities take the looks after the first, so no other line shares its colour.
 */
export const ownCityLook: SeriesLook & { emphasis: true } = {
	color: '#0b3d91',
	dash: [],
	pointStyle: 'circle',
	emphasis: true
};

/** Looks for a list of cities in which at most one is the own city. */
export function looksFor(
	cities: readonly { own: boolean }[]
): (SeriesLook & { emphasis?: boolean })[] {
	const others = cities.some((c) => c.own) ? cityLooks.slice(1) : cityLooks;
	let next = 0;
	return cities.map((c) => (c.own ? ownCityLook : others[next++ % others.length]!));
}
