import { describe, expect, it } from 'vitest';
import { parseScale } from '../../scripts/bench/scale';

// 396 municipalities × 10 fields × KPIs per field × quarters, as issue 18 states the two sizes.
const values = (s: { municipalities: number; kpisPerField: number; quarters: number }) =>
	s.municipalities * 10 * s.kpisPerField * s.quarters;

describe('the bench dataset scale from the command line', () => {
	it('keeps the 3.2 million values in ikz_bench when no scale is given', () => {
		const scale = parseScale(['--skip-import', '--skip-js']);
		expect(scale.database).toBe('ikz_bench');
		expect(values(scale)).toBe(3_168_000);
		expect(scale).toMatchObject({ kpisPerField: 20, quarters: 40, lastYear: 2026, lastQuarter: 2 });
	});

	it('makes the 16 million values of the stress scale in a database of their own', () => {
		for (const args of [
			['--scale', 'stress'],
			['--scale=stress'],
			['--kpis-per-field', '50', '--quarters', '80']
		]) {
			const scale = parseScale(args);
			expect(scale.name).toBe('stress');
			expect(scale.database).toBe('ikz_bench_stress');
			expect(values(scale)).toBe(15_840_000);
		}
	});

	it('gives other dimensions a database named after them', () => {
		const scale = parseScale(['--scale', 'nrw', '--quarters=8', '--skip-reads']);
		expect(scale).toMatchObject({ name: 'custom', kpisPerField: 20, quarters: 8 });
		expect(scale.database).toBe('ikz_bench_k20_q8');
	});

	it('refuses bad input with a message that names the flag', () => {
		expect(() => parseScale(['--scale', 'huge'])).toThrow(
			'unknown scale "huge"; known scales: nrw, stress'
		);
		expect(() => parseScale(['--scale'])).toThrow('--scale needs a name: nrw, stress');
		expect(() => parseScale(['--quarters', '--skip-js'])).toThrow(
			'--quarters needs a number, e.g. --quarters 50'
		);
		for (const bad of ['0', '-3', '2.5', 'ten', '401'])
			expect(() => parseScale(['--quarters', bad])).toThrow(
				`--quarters must be a whole number from 1 to 400, not "${bad}"`
			);
		expect(() => parseScale(['--kpis-per-field=201'])).toThrow(
			'--kpis-per-field must be a whole number from 1 to 200, not "201"'
		);
		expect(() => parseScale(['--scale', 'nrw', '--scale', 'stress'])).toThrow(
			'--scale is given twice'
		);
	});
});
