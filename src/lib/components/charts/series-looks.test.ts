import { describe, expect, it } from 'vitest';
import { cityLooks, lookShape, looksFor } from './series-looks';
import { MAX_TREND_CITIES } from '../../domain/compare/trend';

describe('city looks of the trend chart', () => {
	it('has a look for every city the trend allows', () => {
		expect(cityLooks.length).toBeGreaterThanOrEqual(MAX_TREND_CITIES);
	});

	it('gives every line its own colour, dash pattern and marker', () => {
		const looks = cityLooks.slice(0, MAX_TREND_CITIES);
		expect(new Set(looks.map((l) => l.color.toLowerCase())).size).toBe(looks.length);
		expect(new Set(looks.map((l) => (l.dash ?? []).join(','))).size).toBe(looks.length);
		const markers = looks.map(
			(l) => `${l.pointStyle}|${l.pointRotation ?? 0}|${l.hollow ?? false}`
		);
		expect(new Set(markers).size).toBe(looks.length);
		expect(new Set(looks.map(lookShape)).size).toBe(looks.length);
	});

	it('keeps clear of the median, target and definition-break styles', () => {
		const reserved = ['2,2', '6,4', '14,4'];
		for (const look of cityLooks) {
			expect(reserved).not.toContain((look.dash ?? []).join(','));
			expect(['cross', 'rectRot']).not.toContain(look.pointStyle);
		}
	});
});

describe('the own city in a trend chart', () => {
	it('is the one emphasised line, solid, and shares colour and shape with no other city', () => {
		const cities = Array.from({ length: MAX_TREND_CITIES }, (_, i) => ({ own: i === 3 }));
		const looks = looksFor(cities);
		expect(looks.map((l) => l.emphasis === true)).toEqual(cities.map((c) => c.own));
		expect(looks[3]!.dash ?? []).toEqual([]);
		expect(new Set(looks.map((l) => l.color.toLowerCase())).size).toBe(looks.length);
		expect(new Set(looks.map(lookShape)).size).toBe(looks.length);
	});

	it('emphasises nobody when the own city is not among the lines', () => {
		const looks = looksFor([{ own: false }, { own: false }]);
		expect(looks.some((l) => l.emphasis)).toBe(false);
	});
});
