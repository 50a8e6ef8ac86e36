import { describe, expect, it } from 'vitest';
import { cityTargetsByKpi, targetBands } from './targets';

const stored = (greenMin: string | null, yellowMin: string | null) => ({
	greenMin,
	greenMax: null,
	yellowMin,
	yellowMax: null
});

describe('targetBands', () => {
	const cityBands = { greenMin: 90, greenMax: null, yellowMin: 80, yellowMax: null };

	it("takes the city's own target over the field's", () => {
		expect(targetBands(cityBands, stored('50', '40'))).toEqual({
			bands: cityBands,
			source: 'city'
		});
	});

	it("falls back to the field's common target, and to none", () => {
		const empty = { greenMin: null, greenMax: null, yellowMin: null, yellowMax: null };
		expect(targetBands(empty, stored('50', '40'))).toEqual({
			bands: { greenMin: 50, greenMax: null, yellowMin: 40, yellowMax: null },
			source: 'field'
		});
		expect(targetBands(undefined, stored(null, null))).toEqual({ bands: null, source: null });
		expect(targetBands(null, undefined)).toEqual({ bands: null, source: null });
	});
});

describe('cityTargetsByKpi', () => {
	it('keys the stored targets by scorecard KPI and year, as numbers', () => {
		const byKpi = cityTargetsByKpi([
			{ scorecardKpiId: 7, year: 2025, ...stored('90', '80') },
			{ scorecardKpiId: 7, year: 2026, ...stored('95', '85') },
			{ scorecardKpiId: 9, year: 2025, ...stored('1.5', null) }
		]);
		expect(byKpi.get(7)?.get(2026)?.greenMin).toBe(95);
		expect(byKpi.get(9)?.get(2025)?.greenMin).toBe(1.5);
		expect(byKpi.get(9)?.get(2026)).toBeUndefined();
	});
});
