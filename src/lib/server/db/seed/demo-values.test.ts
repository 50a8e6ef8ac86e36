import { describe, expect, it } from 'vitest';
import { catalogue, type Bands, type CatalogueKpi } from './catalogue';
import {
	DEMO_QUARTERS,
	demoCities,
	demoTargetBands,
	generateDemoMeasurements,
	type DemoMeasurement
} from './demo-values';
import { referenceCities } from './reference';

const rows = generateDemoMeasurements();
const cities = demoCities();
const kpiByCode = new Map(catalogue.map((k) => [k.code, k]));
const kpiOf = (m: DemoMeasurement): CatalogueKpi => {
	const kpi = kpiByCode.get(m.kpiCode);
	if (!kpi) throw new Error(`unknown KPI ${m.kpiCode}`);
	return kpi;
};

function status(value: number, bands: Bands): 'green' | 'yellow' | 'red' {
	const inside = (min: string | null, max: string | null) =>
		(min === null || value >= Number(min)) && (max === null || value <= Number(max));
	if (inside(bands.greenMin, bands.greenMax)) return 'green';
	if (inside(bands.yellowMin, bands.yellowMax)) return 'yellow';
	return 'red';
}

describe('demo values', () => {
	it('covers 12 quarters from 2023 Q4 to 2026 Q3', () => {
		expect(DEMO_QUARTERS).toHaveLength(12);
		expect(DEMO_QUARTERS[0]).toEqual({ year: 2023, quarter: 4 });
		expect(DEMO_QUARTERS[11]).toEqual({ year: 2026, quarter: 3 });
	});

	it('is deterministic', () => {
		expect(generateDemoMeasurements()).toEqual(rows);
	});

	it('keeps values inside the bounds of their unit and at the KPI decimals', () => {
		for (const m of rows) {
			const kpi = kpiOf(m);
			const value = Number(m.value);
			expect(Number.isFinite(value)).toBe(true);
			expect(value).toBeGreaterThanOrEqual(0);
			if (kpi.unit === 'percent') expect(value).toBeLessThanOrEqual(100);
			const decimals = m.value.split('.')[1]?.length ?? 0;
			expect(decimals).toBe(kpi.decimals);
			if (kpi.denominator === 'per_case') {
				expect(Number(m.caseCount)).toBeGreaterThan(0);
				expect(Number.isInteger(Number(m.caseCount))).toBe(true);
			} else {
				expect(m.caseCount).toBeNull();
			}
		}
	});

	it('leaves about 3 % gaps', () => {
		const silentValues = 2 * catalogue.length; // two cities enter nothing in 2026 Q3
		const possible = cities.length * catalogue.length * DEMO_QUARTERS.length - silentValues;
		const gapRate = 1 - rows.length / possible;
		expect(gapRate).toBeGreaterThan(0.015);
		expect(gapRate).toBeLessThan(0.05);
	});

	it('releases everything up to 2026 Q2 and mixes states in 2026 Q3', () => {
		const closed = rows.filter((m) => m.year < 2026 || m.quarter < 3);
		expect(closed.every((m) => m.state === 'released' && m.releasedAt !== null)).toBe(true);

		const open = rows.filter((m) => m.year === 2026 && m.quarter === 3);
		const count = (state: string) => open.filter((m) => m.state === state).length;
		expect(count('released')).toBeGreaterThan(open.length / 2);
		expect(count('submitted')).toBeGreaterThan(0);
		expect(count('draft')).toBeGreaterThan(0);
		expect(open.filter((m) => m.state !== 'released').every((m) => m.releasedAt === null)).toBe(
			true
		);
		const silent = referenceCities.filter((c) => !open.some((m) => m.organisationSlug === c.slug));
		expect(silent.length).toBeGreaterThanOrEqual(1);
		expect(silent.length).toBeLessThanOrEqual(2);
	});

	it('has green, yellow and red values against the targets', () => {
		const counts = { green: 0, yellow: 0, red: 0 };
		for (const m of rows.filter((r) => r.year >= 2024)) {
			const city = cities.find((c) => c.slug === m.organisationSlug);
			if (!city) throw new Error('unknown city');
			counts[status(m.comparable, demoTargetBands(kpiOf(m), city, m.year))]++;
		}
		const total = counts.green + counts.yellow + counts.red;
		expect(counts.green / total).toBeGreaterThan(0.3);
		expect(counts.yellow / total).toBeGreaterThan(0.05);
		expect(counts.red / total).toBeGreaterThan(0.05);
		expect(counts.red / total).toBeLessThan(0.4);
	});

	it('meets the D115 promise in some cities and misses it in others', () => {
		const latest = rows.filter(
			(m) => m.kpiCode === 'D115-SL30' && m.year === 2026 && m.quarter === 2
		);
		expect(latest.some((m) => m.comparable >= 75)).toBe(true);
		expect(latest.some((m) => m.comparable < 65)).toBe(true);
	});

	it('produces bands that satisfy the database checks', () => {
		for (const kpi of catalogue) {
			for (const city of cities) {
				for (const year of [2024, 2025, 2026]) {
					const b = demoTargetBands(kpi, city, year);
					const n = (v: string | null) => (v === null ? null : Number(v));
					const [gMin, gMax, yMin, yMax] = [
						n(b.greenMin),
						n(b.greenMax),
						n(b.yellowMin),
						n(b.yellowMax)
					];
					if (gMin !== null && gMax !== null) expect(gMin).toBeLessThanOrEqual(gMax);
					if (yMin !== null) expect(gMin !== null && yMin <= gMin).toBe(true);
					if (yMax !== null) expect(gMax !== null && yMax >= gMax).toBe(true);
				}
			}
		}
	});

	it('moves the versioned KPI to its new definition from 2025 Q1', () => {
		const versioned = catalogue.filter((k) => k.revisions.length > 0);
		expect(versioned).toHaveLength(1);
		const code = versioned[0]?.code;
		const series = rows.filter((m) => m.kpiCode === code);
		for (const m of series) {
			expect(m.versionValidFrom.year).toBe(m.year >= 2025 ? 2025 : 2020);
		}
	});

	it('comments on a few values in German', () => {
		const commented = rows.filter((m) => m.comment !== '');
		expect(commented.length).toBeGreaterThan(20);
		expect(commented.length / rows.length).toBeLessThan(0.1);
		expect(rows.some((m) => m.comment === 'Personalengpass durch Krankheitswelle')).toBe(true);
	});
});

describe('catalogue', () => {
	it('has 3 to 6 KPIs per field with valid, unique codes', () => {
		const perField = new Map<string, number>();
		for (const k of catalogue) perField.set(k.fieldSlug, (perField.get(k.fieldSlug) ?? 0) + 1);
		expect(perField.size).toBe(10);
		for (const n of perField.values()) {
			expect(n).toBeGreaterThanOrEqual(3);
			expect(n).toBeLessThanOrEqual(6);
		}
		expect(new Set(catalogue.map((k) => k.code)).size).toBe(catalogue.length);
		for (const k of catalogue) expect(k.code).toMatch(/^[A-Z0-9][A-Z0-9._-]{0,31}$/);
	});

	it('includes the D115 service promise as common targets', () => {
		expect(kpiByCode.get('D115-SL30')?.commonTarget).toEqual({
			greenMin: '75',
			greenMax: null,
			yellowMin: '65',
			yellowMax: null
		});
		expect(kpiByCode.get('D115-ELQ')?.commonTarget?.greenMin).toBe('65');
		expect(catalogue.some((k) => k.denominator === 'per_1000_inhabitants')).toBe(true);
		expect(catalogue.some((k) => k.polarity === 'target_band')).toBe(true);
	});
});
