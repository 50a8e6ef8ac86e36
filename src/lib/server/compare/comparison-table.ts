import { m } from '../../paraglide/messages';
import { quarterLabel, statusLabel } from '../../i18n';
import type { ComparisonPage } from './comparison';
import type { TableCell } from '../tabular/table-file';
import { periodParam } from '../../domain/compare/period';
import type { ComparedNote } from '../../domain/compare/comparison';
import { factorMarkerText } from '../../components/exchange/labels';
import { localName } from '../../format/local-name';

/** The comparison as shown on the page, as rows for CSV and XLSX (numbers stay numbers). */
export function comparisonTable(page: ComparisonPage, locale: 'de' | 'en') {
	const c = page.comparison;
	const yearView = page.period.kind === 'year';
	const factorsOf = (organisationId: number) =>
		page.factors
			.filter((f) => f.organisationId === organisationId)
			.map((f) => factorMarkerText(f.kind, yearView ? f.quarter : undefined));
	const name = localName(page.kpi, locale);
	const headers = [
		m.compare_col_rank(),
		m.col_city(),
		`${m.col_value()} (${name})`,
		m.col_status(),
		m.col_inhabitants(),
		m.col_reference_date(),
		m.compare_col_notes(),
		m.value_note_col()
	];
	const year = page.period.year;
	// A year view names the quarter of each comment.
	const noteText = (notes: ComparedNote[]) =>
		notes
			.map((n) => (yearView ? `${quarterLabel({ year, quarter: n.quarter })}: ${n.text}` : n.text))
			.join('; ');
	const rows: TableCell[][] = c.entries.map((e) => [
		e.rank,
		e.name,
		e.value,
		statusLabel[e.status](),
		e.population?.inhabitants ?? null,
		e.population?.referenceDate ?? null,
		[
			e.own ? m.compare_own_city() : '',
			e.released ? '' : m.compare_note_unreleased(),
			e.otherDefinition ? m.compare_note_other_definition() : '',
			e.incomplete ? m.compare_note_incomplete() : '',
			...factorsOf(e.organisationId)
		]
			.filter(Boolean)
			.join('; '),
		noteText(e.notes)
	]);
	for (const missing of c.missing) rows.push([null, missing.name, null, '', null, null, '', '']);
	return {
		headers,
		rows,
		sheetName: page.kpi.code,
		baseName: `vergleich-${page.kpi.code}-${periodParam(page.period)}-${page.basis}`
	};
}
