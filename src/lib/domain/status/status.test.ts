import { describe, expect, it } from 'vitest';
import { bandProblems, statusOf, type Bands } from './status';

const higher: Bands = { greenMin: 75, greenMax: null, yellowMin: 65, yellowMax: null };
const lower: Bands = { greenMin: null, greenMax: 10, yellowMin: null, yellowMax: 14 };
const band: Bands = { greenMin: 4, greenMax: 6, yellowMin: 3, yellowMax: 8 };

describe('statusOf', () => {
	it('judges higher-is-better values with inclusive bounds', () => {
		expect(statusOf(80, higher)).toBe('green');
		expect(statusOf(75, higher)).toBe('green');
		expect(statusOf(74.9, higher)).toBe('yellow');
		expect(statusOf(65, higher)).toBe('yellow');
		expect(statusOf(64.99, higher)).toBe('red');
	});

	it('judges lower-is-better values', () => {
		expect(statusOf(8, lower)).toBe('green');
		expect(statusOf(10, lower)).toBe('green');
		expect(statusOf(12, lower)).toBe('yellow');
		expect(statusOf(14.5, lower)).toBe('red');
	});

	it('judges a target band on both sides', () => {
		expect(statusOf(5, band)).toBe('green');
		expect(statusOf(3.5, band)).toBe('yellow');
		expect(statusOf(7, band)).toBe('yellow');
		expect(statusOf(2, band)).toBe('red');
		expect(statusOf(9, band)).toBe('red');
	});

	it('treats a missing value as no data, never as zero', () => {
		expect(statusOf(null, higher)).toBe('no_data');
		expect(statusOf(undefined, higher)).toBe('no_data');
		expect(statusOf(Number.NaN, higher)).toBe('no_data');
		expect(statusOf(0, higher)).toBe('red');
	});

	it('says no target when there is nothing to judge against', () => {
		expect(statusOf(5, null)).toBe('no_target');
		expect(statusOf(5, { greenMin: null, greenMax: null, yellowMin: null, yellowMax: null })).toBe(
			'no_target'
		);
	});

	it('goes straight from green to red when no yellow band is set', () => {
		const strict: Bands = { greenMin: 75, greenMax: null, yellowMin: null, yellowMax: null };
		expect(statusOf(75, strict)).toBe('green');
		expect(statusOf(74, strict)).toBe('red');
	});
});

describe('bandProblems', () => {
	it('accepts well-formed bands for each polarity', () => {
		expect(bandProblems('higher_is_better', higher)).toEqual([]);
		expect(bandProblems('lower_is_better', lower)).toEqual([]);
		expect(bandProblems('target_band', band)).toEqual([]);
	});

	it('names a missing target and bounds that the polarity does not use', () => {
		expect(bandProblems('higher_is_better', lower)).toEqual([
			'target_missing',
			'bound_not_allowed'
		]);
		expect(bandProblems('target_band', higher)).toEqual(['target_missing']);
	});

	it('rejects inverted and overlapping bands', () => {
		expect(bandProblems('target_band', { ...band, greenMin: 7 })).toContain('green_inverted');
		expect(bandProblems('higher_is_better', { ...higher, yellowMin: 80 })).toEqual([
			'yellow_inside_green'
		]);
	});
});
