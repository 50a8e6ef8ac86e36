import { readCellValue, type CellProblem } from '../entry/cell-input';
import { shiftQuarter } from '../period/quarter';
import { versionForQuarter } from '../scorecard/versions';
import type { KpiUnit } from '../../format/number';
import type { DeliveryErrorCode, DeliveryRow } from './types';
import {
	MAX_COMMENT_LENGTH,
	MAX_MAGNITUDE,
	periodKey,
	valueKey,
	normaliseCode,
	normaliseName,
	type FieldRef,
	type KpiCandidate,
	type Catalog,
	type ErrorDetail,
	type ResolvedRow
} from './plan-model';

/**
 * Reads each row of a delivery against the catalogue, without a database: the server loads what
 * the rows name (cities, fields, KPIs) in a few set-based queries first. Order of checks per row
 * (the first failing one is reported): a spreadsheet error in any cell, period format, city,
 * field, KPI, value, duplicate key.
 */

const validQuarter = (year: number, quarter: number) =>
	Number.isInteger(year) &&
	year >= 2000 &&
	year <= 2100 &&
	Number.isInteger(quarter) &&
	quarter >= 1 &&
	quarter <= 4;

/** A number the value column holds exactly: finite, below 10^18, at most six decimals. */
function storable(value: number): boolean {
	return (
		Number.isFinite(value) && Math.abs(value) < MAX_MAGNITUDE && Number(value.toFixed(6)) === value
	);
}

type ValueReading =
	{ ok: true; value: number | null } | { ok: false; problem: CellProblem | 'not_storable' };

function readValue(row: DeliveryRow, unit: KpiUnit): ValueReading {
	if (row.raw) return readCellValue(row.raw.text, unit, row.raw.locale);
	if (row.value === null) return { ok: true, value: null };
	return typeof row.value === 'number' && storable(row.value)
		? { ok: true, value: row.value === 0 ? 0 : row.value }
		: { ok: false, problem: 'not_storable' };
}

function pickKpi(
	catalog: Catalog,
	code: string,
	field: FieldRef | null
): { ok: true; kpi: KpiCandidate } | { ok: false; code: DeliveryErrorCode; detail: ErrorDetail } {
	const all = catalog.kpis.get(code) ?? [];
	if (all.length === 0) return { ok: false, code: 'unknown_kpi', detail: { kpi: code } };
	const only = catalog.onlyFieldId ?? null;
	if (only !== null && field && field.id !== only) {
		return {
			ok: false,
			code: 'kpi_not_on_scorecard',
			detail: { kpi: code, field: field.slug, otherField: 'yes' }
		};
	}
	const fieldId = field?.id ?? only;
	const inField = fieldId === null ? all : all.filter((k) => k.fieldId === fieldId);
	const fieldSlugOf = (id: number) => catalog.fieldsById.get(id)?.slug ?? String(id);
	if (inField.length === 0) {
		return {
			ok: false,
			code: 'kpi_not_on_scorecard',
			detail: { kpi: code, field: fieldSlugOf(all[0]!.fieldId) }
		};
	}
	const on = inField.filter((k) => k.onScorecard);
	if (on.length === 1) return { ok: true, kpi: on[0]! };
	if (on.length > 1) {
		return {
			ok: false,
			code: 'ambiguous_kpi',
			detail: { kpi: code, fields: on.map((k) => fieldSlugOf(k.fieldId)).join(', ') }
		};
	}
	return {
		ok: false,
		code: 'kpi_not_on_scorecard',
		detail: { kpi: code, field: fieldSlugOf(inField[0]!.fieldId) }
	};
}

/** What the message about a faulty spreadsheet cell needs to point at it. */
function faultDetail(fault: NonNullable<DeliveryRow['fault']>): ErrorDetail {
	const problem =
		fault.fault === 'uncomputed'
			? 'formula_uncomputed'
			: fault.formula === null
				? 'cell_error'
				: 'formula_error';
	return {
		problem,
		column: fault.column,
		cell: fault.cell,
		code: fault.fault === 'error' ? (fault.code ?? '') : '',
		formula: fault.formula ?? ''
	};
}

/** Looks up what each row names; marks rows repeating an earlier row's key. */
export function resolveRows(rows: DeliveryRow[], catalog: Catalog): ResolvedRow[] {
	const firstLine = new Map<string, number>();
	return rows.map((row): ResolvedRow => {
		const kpiCode = normaliseCode(String(row.kpi ?? ''));
		const display = {
			city: String(row.city ?? '').trim(),
			field: row.field?.trim() ? row.field.trim() : null,
			kpi: kpiCode
		};
		const fail = (code: DeliveryErrorCode, detail: ErrorDetail = {}): ResolvedRow => ({
			row,
			ok: false,
			code,
			detail,
			display
		});
		if (row.fault) return fail('invalid_value', faultDetail(row.fault));
		if (!validQuarter(row.year, row.quarter)) {
			return fail('invalid_period', {
				year: row.written?.year ?? String(row.year),
				quarter: row.written?.quarter ?? String(row.quarter)
			});
		}
		const city = catalog.cities.get(normaliseName(display.city));
		if (!city) return fail('unknown_city', { city: display.city });
		display.city = city.slug;
		if (city.id !== catalog.organisationId) return fail('foreign_city', { city: city.slug });
		let field: FieldRef | null = null;
		if (display.field !== null) {
			field = catalog.fields.get(normaliseName(display.field)) ?? null;
			if (!field) return fail('unknown_field', { field: display.field });
			display.field = field.slug;
		}
		const picked = pickKpi(catalog, kpiCode, field);
		if (!picked.ok) return fail(picked.code, picked.detail);
		const kpi = picked.kpi;
		const fieldRef = catalog.fieldsById.get(kpi.fieldId);
		if (!fieldRef) return fail('unknown_field', { field: String(kpi.fieldId) });
		display.field = fieldRef.slug;
		const quarter = { year: row.year, quarter: row.quarter };
		const version = versionForQuarter(kpi.versions, quarter);
		if (!version) return fail('unknown_kpi', { kpi: kpiCode });
		const reading = readValue(row, version.unit);
		if (!reading.ok) {
			return fail('invalid_value', {
				problem: reading.problem,
				text: row.raw ? row.raw.text : String(row.value)
			});
		}
		const comment = row.comment === undefined ? null : String(row.comment ?? '').trim();
		if (comment !== null && comment.length > MAX_COMMENT_LENGTH) {
			return fail('invalid_value', { problem: 'comment_too_long', text: '' });
		}
		const key = valueKey(kpi.kpiId, quarter);
		const earlier = firstLine.get(key);
		if (earlier === undefined) firstLine.set(key, row.line);
		return {
			row,
			ok: true,
			key: { city, field: fieldRef, kpi, version, quarter },
			value: reading.value,
			comment,
			duplicateOf: earlier ?? null
		};
	});
}

/** The period and value keys the resolved rows need from the database. */
export function neededKeys(resolved: ResolvedRow[]) {
	const periods = new Map<string, { fieldId: number; year: number; quarter: number }>();
	const values = new Map<string, { kpiId: number; year: number; quarter: number }>();
	const previous = new Map<string, { kpiId: number; year: number; quarter: number }>();
	for (const r of resolved) {
		if (!r.ok) continue;
		const { kpi, field, quarter } = r.key;
		periods.set(periodKey(field.id, quarter), { fieldId: field.id, ...quarter });
		values.set(valueKey(kpi.kpiId, quarter), { kpiId: kpi.kpiId, ...quarter });
		const before = shiftQuarter(quarter, -1);
		previous.set(valueKey(kpi.kpiId, before), { kpiId: kpi.kpiId, ...before });
	}
	for (const k of values.keys()) previous.delete(k);
	return {
		periods: [...periods.values()],
		values: [...values.values()],
		previous: [...previous.values()]
	};
}
