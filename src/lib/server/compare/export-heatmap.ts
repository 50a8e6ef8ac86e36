import { m } from '../../paraglide/messages';
import { quarterLabel, stateLabel, statusLabel } from '../../i18n';
import { catalogueLabels } from '../../components/scorecard/catalogue-labels';
import { periodLabel } from '../../components/compare/labels';
import { periodParam } from '../../domain/compare/period';
import type { TableCell } from '../tabular/table-file';
import type { HeatmapPage } from './heatmap-page';

/** Rounded as the page shows it; yearly means would otherwise carry binary noise into Excel. */
export const shown = (value: number | null, decimals: number): number | null =>
	value === null ? null : Number(value.toFixed(decimals));

/**
 * The heatmap as shown, one row per city and KPI (a long table Excel can filter and pivot), with
 * the same marks in words. Built from the page data, so it holds exactly what the viewer saw.
 */
export function heatmapTable(page: HeatmapPage, locale: 'de' | 'en') {
	const heatmap = page.heatmap;
	const period = page.period ? periodLabel(page.period) : '';
	const headers = [
		m.col_city(),
		m.col_code(),
		m.col_kpi(),
		m.compare_period(),
		m.col_value(),
		m.col_unit(),
		m.col_status(),
		m.compare_export_col_state(),
		m.compare_col_notes(),
		page.group ? m.heatmap_median_group() : m.heatmap_median_row()
	];
	const rows: TableCell[][] = [];
	for (const row of heatmap?.rows ?? []) {
		row.cells.forEach((cell, i) => {
			const col = heatmap!.columns[i]!;
			const notes = [
				row.own ? m.compare_own_city() : '',
				cell.state && cell.state !== 'released' ? m.compare_note_unreleased() : '',
				cell.otherVersionFrom
					? m.heatmap_other_definition({ quarter: quarterLabel(cell.otherVersionFrom) })
					: '',
				col.definitionChangedFrom
					? m.heatmap_definition_changed({ quarter: quarterLabel(col.definitionChangedFrom) })
					: '',
				page.period?.kind === 'year' && cell.quartersWithData > 0 && !cell.complete
					? m.heatmap_quarters_with_data({ count: String(cell.quartersWithData) })
					: '',
				cell.hasComment ? m.heatmap_has_comment() : ''
			];
			rows.push([
				row.name,
				col.code,
				col.name,
				period,
				shown(cell.value, col.decimals),
				catalogueLabels.unit[col.unit](),
				statusLabel[cell.status](),
				cell.state ? stateLabel[cell.state]() : '',
				notes.filter(Boolean).join('; '),
				shown(col.median, col.decimals)
			]);
		});
	}
	const periodPart = page.period ? `-${periodParam(page.period)}` : '';
	return {
		headers,
		rows,
		sheetName: m.heatmap_sheet(),
		baseName: `${m.heatmap_file()}-${page.field.slug}${periodPart}${locale === 'en' ? '-en' : ''}`
	};
}
