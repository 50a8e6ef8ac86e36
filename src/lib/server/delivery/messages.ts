import { m } from '../../paraglide/messages';
import type { AppLocale } from '../../format/number';
import type { DeliveryErrorCode } from '../../domain/delivery/types';
import type { ErrorDetail } from '../../domain/delivery/plan-model';
import type { ColumnKey } from '../../domain/delivery/columns';
import { columnLabel } from '../import-export/file-messages';

/** A row error in the request's language; `detail` carries the names and numbers it quotes. */
export function deliveryErrorText(
	code: DeliveryErrorCode,
	detail: ErrorDetail,
	row: { year: number; quarter: number },
	locale: AppLocale
): string {
	const o = { locale };
	const d = (key: string) => detail[key] ?? '';
	const quarter = m.quarter_label({ quarter: String(row.quarter), year: String(row.year) }, o);
	switch (code) {
		case 'unknown_city':
			return m.import_err_unknown_city({ city: d('city') }, o);
		case 'foreign_city':
			return m.import_err_foreign_city({ city: d('city') }, o);
		case 'unknown_field':
			return m.import_err_unknown_field({ field: d('field') }, o);
		case 'unknown_kpi':
			return d('kpi') === ''
				? m.import_err_kpi_missing({}, o)
				: m.import_err_unknown_kpi({ kpi: d('kpi') }, o);
		case 'ambiguous_kpi':
			return m.import_err_ambiguous_kpi({ kpi: d('kpi'), fields: d('fields') }, o);
		case 'kpi_not_on_scorecard':
			return detail.otherField
				? m.import_err_other_field({ field: d('field') }, o)
				: m.import_err_kpi_not_on_scorecard({ kpi: d('kpi'), field: d('field') }, o);
		case 'period_missing':
			return m.import_err_period_missing({ quarter }, o);
		case 'period_closed':
			return m.import_err_period_closed({ quarter }, o);
		case 'value_locked':
			return m.import_err_value_locked({ state: stateText(d('state'), locale) }, o);
		case 'invalid_value':
			return d('cell') === ''
				? invalidValueText(d('problem'), d('text'), locale)
				: faultyCellText(detail, locale);
		case 'duplicate_row':
			return m.import_err_duplicate_row({ line: d('line') }, o);
		case 'red_needs_comment':
			return m.import_err_red_needs_comment({}, o);
		case 'invalid_period':
			return m.import_err_invalid_period({ year: d('year'), quarter: d('quarter') }, o);
		case 'too_many_decimals':
			return tooManyDecimalsText(d('text'), d('decimals'), locale);
		case 'version_conflict':
			return m.import_err_version_conflict({ version: d('version'), expected: d('expected') }, o);
	}
}

function tooManyDecimalsText(text: string, decimals: string, locale: AppLocale): string {
	const o = { locale };
	if (decimals === '0') return m.import_err_too_many_decimals_none({ text }, o);
	if (decimals === '1') return m.import_err_too_many_decimals_one({ text }, o);
	return m.import_err_too_many_decimals_many({ text, decimals }, o);
}

function invalidValueText(problem: string, text: string, locale: AppLocale): string {
	const o = { locale };
	switch (problem) {
		case 'too_many_digits':
			return m.import_err_too_many_digits({ text }, o);
		case 'not_storable':
			return m.import_err_not_storable({ text }, o);
		case 'comment_too_long':
			return m.import_err_comment_too_long({}, o);
		case 'comment_without_value':
			return m.import_err_comment_without_value({}, o);
		default:
			return m.import_err_not_a_number({ text }, o);
	}
}

/** A spreadsheet cell with an error or an uncalculated formula, named by its address. */
function faultyCellText(detail: ErrorDetail, locale: AppLocale): string {
	const o = { locale };
	const cell = detail.cell ?? '';
	const column = columnLabel((detail.column ?? 'value') as ColumnKey, locale);
	const place = detail.formula
		? m.import_cell_place_formula({ cell, column, formula: detail.formula }, o)
		: m.import_cell_place({ cell, column }, o);
	switch (detail.problem) {
		case 'formula_uncomputed':
			return m.import_err_formula_uncomputed({ place }, o);
		case 'formula_error':
			return m.import_err_formula_error({ place }, o);
		default:
			return m.import_err_cell_error({ place, code: detail.code ?? '' }, o);
	}
}

export function stateText(state: string, locale: AppLocale): string {
	const o = { locale };
	if (state === 'released') return m.import_state_released({}, o);
	if (state === 'submitted') return m.import_state_submitted({}, o);
	return m.import_state_draft({}, o);
}
