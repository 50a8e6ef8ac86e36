import type { Distribution } from '../statistics/distribution';
import type { RingValue } from './types';

export interface StripChartInput {
	values: readonly RingValue[];
	distribution: Distribution | null;
	/** Formats an axis or marker number in the reader's locale. */
	format: (value: number) => string;
	ownLabel: string;
	medianLabel: string;
}

const W = 320;
const H = 84;
const LEFT = 16;
const RIGHT = W - 16;
const AXIS_Y = 40;

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A small strip plot of one KPI across the ring, as SVG for the PDF: every city a dot, the box
 * from the lower to the upper quartile with the median, the own city as a large diamond with its
 * value written beside it (the own city is told by shape and label, never by colour alone).
 */
export function stripChartSvg(input: StripChartInput): string {
	const all = input.values.map((v) => v.value);
	if (all.length === 0)
		return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"></svg>`;
	let min = Math.min(...all);
	let max = Math.max(...all);
	if (min === max) {
		const pad = Math.abs(min) * 0.1 || 1;
		min -= pad;
		max += pad;
	}
	const x = (v: number) => LEFT + ((v - min) / (max - min)) * (RIGHT - LEFT);
	const parts: string[] = [];
	parts.push(
		`<line x1="${LEFT}" y1="${AXIS_Y}" x2="${RIGHT}" y2="${AXIS_Y}" stroke="#555" stroke-width="1"/>`
	);
	const d = input.distribution;
	if (d) {
		const x1 = x(d.lowerQuartile);
		const x3 = x(d.upperQuartile);
		parts.push(
			`<rect x="${x1.toFixed(1)}" y="${AXIS_Y - 10}" width="${Math.max(x3 - x1, 1).toFixed(1)}" height="20" fill="#dde6f0" stroke="#5b7083" stroke-width="0.8"/>`,
			`<line x1="${x(d.median).toFixed(1)}" y1="${AXIS_Y - 13}" x2="${x(d.median).toFixed(1)}" y2="${AXIS_Y + 13}" stroke="#1f2d3a" stroke-width="2"/>`,
			`<text x="${x(d.median).toFixed(1)}" y="${AXIS_Y + 36}" font-size="8" text-anchor="middle" fill="#1f2d3a">${escapeXml(`${input.medianLabel} ${input.format(d.median)}`)}</text>`
		);
	}
	for (const v of input.values.filter((v) => !v.own))
		parts.push(
			`<circle cx="${x(v.value).toFixed(1)}" cy="${AXIS_Y}" r="3" fill="#8a96a3" stroke="#fff" stroke-width="0.5"/>`
		);
	const own = input.values.find((v) => v.own);
	if (own) {
		const ox = x(own.value);
		parts.push(
			`<path d="M ${ox.toFixed(1)} ${AXIS_Y - 9} L ${(ox + 7).toFixed(1)} ${AXIS_Y} L ${ox.toFixed(1)} ${AXIS_Y + 9} L ${(ox - 7).toFixed(1)} ${AXIS_Y} Z" fill="#0b4f8a" stroke="#fff" stroke-width="1"/>`
		);
		const anchor = ox < W / 3 ? 'start' : ox > (2 * W) / 3 ? 'end' : 'middle';
		parts.push(
			`<text x="${ox.toFixed(1)}" y="${AXIS_Y - 17}" font-size="9" font-weight="bold" text-anchor="${anchor}" fill="#0b4f8a">${escapeXml(`${input.ownLabel}: ${input.format(own.value)}`)}</text>`
		);
	}
	parts.push(
		`<text x="${LEFT}" y="${AXIS_Y + 22}" font-size="7" fill="#555">${escapeXml(input.format(min))}</text>`,
		`<text x="${RIGHT}" y="${AXIS_Y + 22}" font-size="7" text-anchor="end" fill="#555">${escapeXml(input.format(max))}</text>`
	);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`;
}
