/**
 * Plans a delivery of KPI values row by row, without a database: the server loads what the
 * rows name (cities, fields, KPIs, periods, stored values) in a few set-based queries and these
 * functions decide each row's outcome. The same rules serve the dry run and the commit, which
 * plans again under locks.
 *
 * Order of checks per row (the first failing one is reported): a spreadsheet error in any cell,
 * period format, city, field, KPI, value, duplicate key. Then the row is compared with the
 * stored value: equal value and comment is `unchanged` and nothing else is checked (so an export
 * re-imports cleanly, also for closed quarters and released values). A file's empty value cell
 * (`blank`) keeps the stored value and comment: a file import never deletes (decision 17). Only
 * a row that would write is checked against the period (open?), the stored state (draft?) and
 * the entry grid's rule that a red value needs a comment.
 */
import { hasAtMostDecimals, readCellValue, type CellProblem } from '../entry/cell-input';
import { claimHolds, versionAfterWrite } from '../entry/version-claim';
import { checkValue, type EntryWarning } from '../entry/plausibility';
import { hasTarget, type Bands, type Polarity } from '../status/status';
import { shiftQuarter, type Quarter } from '../period/quarter';
import { versionForQuarter } from '../scorecard/versions';
import type { KpiUnit } from '../../format/number';
import type {
	DeliveryErrorCode,
	DeliveryRow,
	RowOutcomeKind,
	StoredSide,
	ValueState
} from './types';

export interface CityRef {
	id: number;
	slug: string;
}
export interface FieldRef {
	id: number;
	slug: string;
}
export interface KpiVersionInfo {
	id: number;
	validFromYear: number;
	validFromQuarter: number;
	unit: KpiUnit;
	/** Decimals the KPI is kept and shown with (0–4). */
	decimals: number;
	polarity: Polarity;
	plausibleChangePercent: number | null;
	/** The field's common target of this definition, if any. */
	bands: Bands;
}
/** A KPI the city may deliver: shared, or the city's own local KPI. */
export interface KpiCandidate {
	kpiId: number;
	code: string;
	fieldId: number;
	/** On the city's scorecard of its field (not archived there). */
	onScorecard: boolean;
	versions: KpiVersionInfo[];
	/** The city's own yearly targets for this KPI. */
	targets: Map<number, Bands>;
}

/** What the rows name, loaded once for the whole batch. */
export interface Catalog {
	organisationId: number;
	/** Lower-cased slug, name and AGS of every city the rows name. */
	cities: Map<string, CityRef>;
	/** Lower-cased slug and names of every field. */
	fields: Map<string, FieldRef>;
	fieldsById: Map<number, FieldRef>;
	/** Upper-cased code → KPIs with that code the city may deliver. */
	kpis: Map<string, KpiCandidate[]>;
	/** Only rows of this field are accepted (the import page of one scorecard). */
	onlyFieldId?: number | null;
}

export interface StoredValue {
	id: number;
	value: number;
	comment: string;
	state: ValueState;
	version: number;
}

/** The stored side, loaded (and in a commit locked) for the keys the rows resolved to. */
export interface StoredState {
	/** `fieldId|year|quarter` → open or closed; absent: never opened. */
	periods: Map<string, 'open' | 'closed'>;
	/** `kpiId|year|quarter` → the city's stored value. */
	values: Map<string, StoredValue>;
	/** `kpiId|year|quarter` → the city's value in a quarter before a delivered one. */
	previous: Map<string, number>;
}

export type ErrorDetail = Record<string, string>;

interface RowKey {
	city: CityRef;
	field: FieldRef;
	kpi: KpiCandidate;
	version: KpiVersionInfo;
	quarter: Quarter;
}

/** A row after the catalogue lookups: either a key and a readable value, or an error. */
export type ResolvedRow =
	| {
			row: DeliveryRow;
			ok: true;
			key: RowKey;
			value: number | null;
			/** null: the row named none, the stored comment stays. */
			comment: string | null;
			/** Line of an earlier row with the same key. */
			duplicateOf: number | null;
	  }
	| {
			row: DeliveryRow;
			ok: false;
			code: DeliveryErrorCode;
			detail: ErrorDetail;
			display: { city: string; field: string | null; kpi: string };
	  };

export type WriteOp =
	| {
			op: 'insert';
			kpiId: number;
			kpiVersionId: number;
			year: number;
			quarter: number;
			value: number;
			comment: string;
	  }
	| { op: 'update'; id: number; kpiVersionId: number; value: number; comment: string }
	| { op: 'delete'; id: number };

export interface PlannedRow {
	line: number;
	kind: RowOutcomeKind;
	city: string;
	field: string | null;
	kpi: string;
	year: number;
	quarter: number;
	before: StoredSide | null;
	after: { value: number | null; comment: string; version: number } | null;
	error?: { code: DeliveryErrorCode; detail: ErrorDetail };
	warnings?: EntryWarning[];
	write?: WriteOp;
	emptyValueCell?: true;
}

/** Longest comment the entry grid takes. */
export const MAX_COMMENT_LENGTH = 2000;
/** numeric(24,6): below 10^18 in magnitude. */
const MAX_MAGNITUDE = 1e18;

export const periodKey = (fieldId: number, q: Quarter) => `${fieldId}|${q.year}|${q.quarter}`;
export const valueKey = (kpiId: number, q: Quarter) => `${kpiId}|${q.year}|${q.quarter}`;

export const normaliseCode = (code: string) => code.trim().toUpperCase();
export const normaliseName = (name: string) => name.trim().toLowerCase();

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

/** Bands a value is judged by: the city's target for the year, else the field's common one. */
function bandsOf(key: RowKey): Bands | null {
	const own = key.kpi.targets.get(key.quarter.year);
	if (hasTarget(own)) return own;
	return hasTarget(key.version.bands) ? key.version.bands : null;
}

/** A file row whose value cell was empty: it keeps whatever is stored (decision 17). */
const keepsStored = (r: Extract<ResolvedRow, { ok: true }>) =>
	r.row.blank === true && r.value === null;

const sameValue = (a: number | null, b: StoredValue | undefined) =>
	b === undefined ? a === null : a !== null && a === b.value;

/** Decides every row's outcome against the stored state; rows with a `write` are to be written. */
export function classifyRows(resolved: ResolvedRow[], stored: StoredState): PlannedRow[] {
	// The value each key will have after the delivery, for the previous-quarter comparison.
	// A file's empty value cell changes nothing, so it is no delivered value either.
	const delivered = new Map<string, number | null>();
	for (const r of resolved) {
		if (r.ok && r.duplicateOf === null && !keepsStored(r))
			delivered.set(valueKey(r.key.kpi.kpiId, r.key.quarter), r.value);
	}
	return resolved.map((r): PlannedRow => {
		if (!r.ok) {
			return {
				line: r.row.line,
				kind: 'error',
				...r.display,
				year: r.row.year,
				quarter: r.row.quarter,
				before: null,
				after: null,
				error: { code: r.code, detail: r.detail }
			};
		}
		const { key } = r;
		const vKey = valueKey(key.kpi.kpiId, key.quarter);
		const current = stored.values.get(vKey);
		// A row without a comment keeps the stored one; '' (or null in the API) clears it.
		const comment = r.comment ?? current?.comment ?? '';
		const base = {
			line: r.row.line,
			city: key.city.slug,
			field: key.field.slug,
			kpi: key.kpi.code,
			year: key.quarter.year,
			quarter: key.quarter.quarter,
			before: current
				? {
						value: current.value,
						comment: current.comment,
						state: current.state,
						version: current.version
					}
				: null,
			after: { value: r.value, comment, version: versionAfterWrite(current, r.value) }
		};
		const error = (code: DeliveryErrorCode, detail: ErrorDetail = {}): PlannedRow => ({
			...base,
			kind: 'error',
			error: { code, detail }
		});
		if (r.duplicateOf !== null) return error('duplicate_row', { line: String(r.duplicateOf) });
		if (keepsStored(r) && current) {
			// Nothing to write, so nothing to check: as for an unchanged row.
			if (r.comment && r.comment !== current.comment) {
				return error('invalid_value', { problem: 'comment_without_value', text: '' });
			}
			return {
				...base,
				after: { value: current.value, comment: current.comment, version: current.version },
				kind: 'unchanged',
				emptyValueCell: true
			};
		}
		if (sameValue(r.value, current) && comment === (current?.comment ?? '')) {
			return {
				...base,
				kind: 'unchanged',
				after: { ...base.after, version: current?.version ?? 0 }
			};
		}
		// Checked before anything else about the write: the sender must see the new state first.
		const claim = r.row.version;
		if (claim !== undefined && !claimHolds(claim, current)) {
			return error('version_conflict', {
				version: String(current?.version ?? 0),
				expected: String(claim)
			});
		}
		if (r.value === null && !current) {
			// A comment alone has nowhere to go: a value row always has a number.
			return error('invalid_value', { problem: 'comment_without_value', text: '' });
		}
		const period = stored.periods.get(periodKey(key.field.id, key.quarter));
		if (!period) return error('period_missing');
		if (period === 'closed') return error('period_closed');
		if (current && current.state !== 'draft')
			return error('value_locked', { state: current.state });
		if (r.value !== null && !hasAtMostDecimals(r.value, key.version.decimals)) {
			// Refused, never rounded: 89.5 on a KPI without decimals would be shown as 90.
			return error('too_many_decimals', {
				decimals: String(key.version.decimals),
				text: r.row.raw ? r.row.raw.text : String(r.value)
			});
		}

		let warnings: EntryWarning[] = [];
		if (r.value !== null) {
			const prevKey = valueKey(key.kpi.kpiId, shiftQuarter(key.quarter, -1));
			const previousValue = delivered.has(prevKey)
				? (delivered.get(prevKey) ?? null)
				: (stored.previous.get(prevKey) ?? stored.values.get(prevKey)?.value ?? null);
			const check = checkValue({
				value: r.value,
				unit: key.version.unit,
				bands: bandsOf(key),
				previousValue,
				plausibleChangePercent: key.version.plausibleChangePercent,
				comment
			});
			if (check.errors.includes('comment_required_red')) return error('red_needs_comment');
			warnings = check.warnings;
		}
		const write: WriteOp = !current
			? {
					op: 'insert',
					kpiId: key.kpi.kpiId,
					kpiVersionId: key.version.id,
					year: key.quarter.year,
					quarter: key.quarter.quarter,
					value: r.value!,
					comment
				}
			: r.value === null
				? { op: 'delete', id: current.id }
				: {
						op: 'update',
						id: current.id,
						kpiVersionId: key.version.id,
						value: r.value,
						comment
					};
		return {
			...base,
			kind: current ? 'changed' : 'new',
			...(warnings.length ? { warnings } : {}),
			write
		};
	});
}

export function countKinds(rows: { kind: RowOutcomeKind }[]): Record<RowOutcomeKind, number> {
	const counts: Record<RowOutcomeKind, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
	for (const r of rows) counts[r.kind]++;
	return counts;
}
