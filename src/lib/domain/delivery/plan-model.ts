import type { EntryWarning } from '../entry/plausibility';
import type { Bands, Polarity } from '../status/status';
import type { Quarter } from '../period/quarter';
import type { KpiUnit } from '../../format/number';
import type {
	DeliveryErrorCode,
	DeliveryRow,
	RowOutcomeKind,
	StoredSide,
	ValueState
} from './types';

/**
 * What planning a delivery works on: the catalogue the rows are read against, the stored state
 * they are compared with, and the planned outcome of each row. Rows are first resolved against
 * the catalogue (`resolve.ts`), then classified against the stored state (`classify.ts`); the
 * same rules serve the dry run and the commit, which plans again under locks.
 */

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

export interface RowKey {
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
export const MAX_MAGNITUDE = 1e18;

export const periodKey = (fieldId: number, q: Quarter) => `${fieldId}|${q.year}|${q.quarter}`;
export const valueKey = (kpiId: number, q: Quarter) => `${kpiId}|${q.year}|${q.quarter}`;

export const normaliseCode = (code: string) => code.trim().toUpperCase();
export const normaliseName = (name: string) => name.trim().toLowerCase();
