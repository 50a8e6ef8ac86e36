import { describe, expect, it } from 'vitest';
import { heatmapTable, shown } from './export-heatmap';
import type { HeatmapPage } from './heatmap-page';
import { tableFile } from '../tabular/table-file';

const field = { id: 4, slug: 'service-center-d115', nameDe: 'D115', nameEn: 'D115' };
const page: HeatmapPage = {
	fields: [field],
	field,
	period: { kind: 'year', year: 2025 },
	periods: [],
	groups: [],
	group: null,
	heatmap: {
		columns: [
			{
				kpiId: 1,
				code: 'D115-SL30',
				name: 'Servicelevel',
				unit: 'percent',
				decimals: 1,
				polarity: 'higher_is_better',
				aggregation: 'mean',
				commonTarget: { greenMin: 75, greenMax: null, yellowMin: 65, yellowMax: null },
				definitionChangedFrom: null,
				median: 74.25,
				statisticsCount: 2
			}
		],
		rows: [
			{
				organisationId: 1,
				slug: 'koeln',
				name: 'Köln',
				own: true,
				cells: [
					{
						kpiId: 1,
						value: 76.333333,
						status: 'green',
						score: 100,
						state: 'draft',
						otherVersionFrom: null,
						hasComment: true,
						quartersWithData: 3,
						complete: false,
						targetSource: 'field'
					}
				]
			}
		],
		unreleasedCells: 1
	}
};

describe('heatmap export', () => {
	it('rounds as shown', () => {
		expect(shown(76.333333, 1)).toBe(76.3);
		expect(shown(null, 1)).toBeNull();
		expect(shown(74.25, 1)).toBe(74.3);
	});

	it('writes one row per city and KPI with the marks in words', () => {
		const table = heatmapTable(page, 'de');
		expect(table.headers[0]).toBe('Stadt');
		expect(table.rows).toEqual([
			[
				'Köln',
				'D115-SL30',
				'Servicelevel',
				'Jahr 2025',
				76.3,
				'Prozent',
				'Im Ziel',
				'Entwurf',
				'eigene Stadt; noch nicht freigegeben; 3 von 4 Quartalen; mit Kommentar',
				74.3
			]
		]);
		expect(table.baseName).toBe('heatmap-service-center-d115-2025');
	});

	it('becomes German Excel CSV with decimal commas', async () => {
		const file = await tableFile(heatmapTable(page, 'de'), 'csv', 'de');
		const lines = String(file.body).split('\r\n');
		expect(lines[0]!.startsWith('\uFEFFStadt;Kennung;Kennzahl;')).toBe(true);
		expect(lines[1]).toContain(';76,3;Prozent;Im Ziel;Entwurf;');
		expect(lines[1]!.endsWith(';74,3')).toBe(true);
	});
});
