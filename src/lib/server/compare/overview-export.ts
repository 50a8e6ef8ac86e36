import { m } from '../../paraglide/messages';
import { quarterLabel, statusLabel } from '../../i18n';
import type { Standing } from '../../domain/compare/overview';
import type { TableCell } from '../tabular/table-file';
import type { OverviewPage } from './overview-page';

const standingText: Record<Standing, () => string> = {
	better: m.overview_standing_better,
	worse: m.overview_standing_worse,
	equal: m.overview_standing_equal,
	above: m.overview_standing_above,
	below: m.overview_standing_below
};

/**
 * The overview as one table for CSV/XLSX: its three parts one below the other, told apart by
 * the first column, numbers as numbers (scores 0–100, values in the KPI's unit).
 */
export function overviewTable(page: OverviewPage & { city: { slug: string; name: string } }) {
	const headers = [
		m.overview_export_part(),
		m.col_field(),
		m.overview_export_item(),
		m.col_quarter(),
		m.col_value(),
		m.overview_export_score(),
		m.col_status(),
		m.overview_export_median(),
		m.overview_col_standing(),
		m.value_note_col()
	];
	const rows: TableCell[][] = [];
	const status = m.overview_status_title();
	for (const row of page.rows) {
		const quarter = row.latestQuarter ? quarterLabel(row.latestQuarter) : null;
		if (!row.rollup) {
			rows.push([
				status,
				row.field.name,
				m.overview_col_overall(),
				quarter,
				null,
				null,
				m.overview_not_built(),
				null,
				null,
				null
			]);
			continue;
		}
		rows.push([
			status,
			row.field.name,
			m.overview_col_overall(),
			quarter,
			null,
			row.rollup.score,
			statusLabel[row.rollup.status](),
			null,
			null,
			null
		]);
		for (const p of row.perspectives)
			rows.push([
				status,
				row.field.name,
				p.name,
				quarter,
				null,
				p.rollup.score,
				statusLabel[p.rollup.status](),
				null,
				null,
				null
			]);
	}
	for (const [part, movers] of [
		[m.overview_improvements(), page.improvements],
		[m.overview_declines(), page.declines]
	] as const) {
		for (const mv of movers)
			rows.push([
				part,
				mv.field.name,
				`${mv.code} ${mv.name}`,
				quarterLabel(mv.after.quarter),
				mv.after.value,
				mv.scoreChange,
				statusLabel[mv.after.status](),
				null,
				null,
				mv.after.note
			]);
	}
	const ring = m.overview_ring_title();
	for (const p of page.positions)
		rows.push([
			ring,
			p.field.name,
			`${p.code} ${p.name}`,
			quarterLabel(p.quarter),
			p.value,
			null,
			statusLabel[p.status](),
			p.median,
			p.standing ? standingText[p.standing]() : m.overview_standing_none(),
			p.note
		]);
	return { headers, rows, sheetName: page.city.name, baseName: `uebersicht-${page.city.slug}` };
}
