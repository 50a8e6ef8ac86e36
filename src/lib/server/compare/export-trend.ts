import { m } from '../../paraglide/messages';
import { quarterLabel, stateLabel } from '../../i18n';
import { catalogueLabels } from '../../components/scorecard/catalogue-labels';
import { quarterParam } from '../../domain/period/quarter';
import type { TableCell } from '../tabular/table-file';
import type { TrendPage } from './trend-page';
import { shown } from './export-heatmap';

/**
 * The trend as shown, one row per chosen city and quarter, with the same quarter last year,
 * the change, the ring's median and the common target (as numbers, so Excel can chart them).
 */
export function trendTable(page: TrendPage, locale: 'de' | 'en') {
	const trend = page.trend;
	const headers = [
		m.col_city(),
		m.col_code(),
		m.col_kpi(),
		m.col_quarter(),
		m.col_value(),
		m.col_unit(),
		m.compare_export_col_state(),
		m.trend_multi_last_year(),
		m.trend_multi_change(),
		m.compare_col_notes(),
		m.value_note_col(),
		m.heatmap_median_row(),
		m.compare_export_col_target_min(),
		m.compare_export_col_target_max()
	];
	const rows: TableCell[][] = [];
	if (trend) {
		const d = trend.kpi.decimals;
		for (const s of trend.series) {
			s.points.forEach((p, i) => {
				const notes = [
					s.own ? m.compare_own_city() : '',
					p.state && p.state !== 'released' ? m.compare_note_unreleased() : '',
					p.otherDefinition ? m.compare_note_other_definition() : '',
					trend.breaks.includes(i) ? m.definition_break_short() : '',
					p.lastYearOtherDefinition ? m.trend_multi_other_definition_last_year() : ''
				];
				rows.push([
					s.name,
					page.code,
					trend.kpi.name,
					quarterLabel(p),
					shown(p.value, d),
					catalogueLabels.unit[trend.kpi.unit](),
					p.state ? stateLabel[p.state]() : '',
					shown(p.sameQuarterLastYear, d),
					shown(p.changeToLastYear, d),
					notes.filter(Boolean).join('; '),
					p.note ?? '',
					shown(trend.median[i] ?? null, d),
					trend.targetMin[i] ?? null,
					trend.targetMax[i] ?? null
				]);
			});
		}
	}
	const range = trend
		? `-${quarterParam(trend.quarters[0]!)}-${quarterParam(trend.quarters.at(-1)!)}`
		: '';
	return {
		headers,
		rows,
		sheetName: page.code ?? m.trend_multi_sheet(),
		baseName: `${m.trend_multi_file()}-${page.code ?? page.field.slug}${range}${locale === 'en' ? '-en' : ''}`
	};
}
