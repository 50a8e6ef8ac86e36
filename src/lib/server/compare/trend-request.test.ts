import { describe, expect, it } from 'vitest';
import { readTrendRequest } from './trend-request';
import { readHeatmapRequest } from './heatmap-request';
import { readOverviewRequest } from './overview-request';

const q = (query: string) => new URLSearchParams(query);

describe('filters of the compare views from the URL', () => {
	it('reads the trend from a shared link, cities comma-separated', () => {
		expect(
			readTrendRequest(
				q('field=kfz-zulassungswesen&kpi=KFZ-WARTEZEIT&cities=koeln,essen&from=2024-Q1&to=2026-Q3')
			)
		).toEqual({
			field: 'kfz-zulassungswesen',
			kpi: 'KFZ-WARTEZEIT',
			cities: ['koeln', 'essen'],
			from: { year: 2024, quarter: 1 },
			to: { year: 2026, quarter: 3 },
			group: null
		});
	});

	it('reads the form: repeated cities after the hidden empty one, duplicates once', () => {
		expect(readTrendRequest(q('cities=&cities=koeln&cities=essen&cities=koeln'))?.cities).toEqual([
			'koeln',
			'essen'
		]);
		// The hidden field alone: an explicit choice of no city.
		expect(readTrendRequest(q('cities='))?.cities).toEqual([]);
		// No cities at all: not chosen, so the own city is preselected.
		expect(readTrendRequest(q('field=beihilfe'))?.cities).toBeNull();
	});

	it('refuses malformed filters', () => {
		for (const bad of [
			'field=Beihilfe',
			'kpi=kfz-wartezeit',
			'cities=K%C3%B6ln',
			'from=2024',
			'to=2024-Q5',
			'field=a%27%3Bdrop'
		]) {
			expect(readTrendRequest(q(bad)), bad).toBeNull();
		}
		expect(
			readTrendRequest(q(`cities=${Array.from({ length: 51 }, (_, i) => `c${i}`).join(',')}`))
		).toBeNull();
	});

	it('reads the heatmap with a quarter or a year, and refuses anything else', () => {
		expect(readHeatmapRequest(q('field=beihilfe&period=2025'))).toEqual({
			field: 'beihilfe',
			period: { kind: 'year', year: 2025 },
			group: null,
			page: 1
		});
		expect(readHeatmapRequest(q(''))).toEqual({ field: null, period: null, group: null, page: 1 });
		expect(readHeatmapRequest(q('group=kreis-05566&page=3'))).toMatchObject({
			group: 'kreis-05566',
			page: 3
		});
		expect(readHeatmapRequest(q('page=0'))).toBeNull();
		expect(readHeatmapRequest(q('page=2.5'))).toBeNull();
		expect(readHeatmapRequest(q('group=<b>'))).toBeNull();
		expect(readHeatmapRequest(q('period=2026-Q5'))).toBeNull();
		expect(readHeatmapRequest(q('period=Q3/2026'))).toBeNull();
		expect(readHeatmapRequest(q('field=../etc'))).toBeNull();
	});

	it('reads the overview city as a slug', () => {
		expect(readOverviewRequest(q('city=koeln'))).toEqual({ city: 'koeln' });
		expect(readOverviewRequest(q(''))).toEqual({ city: null });
		expect(readOverviewRequest(q('city=K%C3%B6ln'))).toBeNull();
	});
});
