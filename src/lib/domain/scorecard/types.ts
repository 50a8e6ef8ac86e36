import type { Bands, Polarity, Status } from '../status/status';
import type { Rollup } from '../scoring/rollup';
import type { YearlyValue } from '../scoring/yearly';
import type { KpiUnit } from '../../format/number';

export type MeasurementState = 'draft' | 'submitted' | 'released';

/** Rows as the scorecard queries deliver them (numerics as strings, as the database has them). */
export interface StructureRow {
	perspectiveId: number;
	perspectiveKey: string | null;
	perspectiveNameDe: string;
	perspectiveNameEn: string;
	objectiveId: number | null;
	objectiveTitle: string | null;
	objectiveDescription: string | null;
	objectiveOwner: string | null;
	scorecardKpiId: number | null;
	kpiId: number | null;
	kpiCode: string | null;
	kpiIsLocal: boolean | null;
	weight: string | null;
}

export interface BandRow {
	greenMin: string | null;
	greenMax: string | null;
	yellowMin: string | null;
	yellowMax: string | null;
}

export interface VersionRow extends BandRow {
	id: number;
	kpiId: number;
	validFromYear: number;
	validFromQuarter: number;
	nameDe: string;
	nameEn: string;
	definitionDe: string;
	definitionEn: string;
	unit: KpiUnit;
	decimals: number;
	polarity: Polarity;
	aggregation: 'sum' | 'mean' | 'last';
	denominator: 'none' | 'per_1000_inhabitants' | 'per_case';
	source: string;
	/** Largest plausible change against the previous quarter, in percent; null: no check. */
	plausibleChangePercent: number | null;
}

export interface TargetRow extends BandRow {
	scorecardKpiId: number;
	year: number;
}

export interface MeasurementRow {
	kpiId: number;
	kpiVersionId: number;
	year: number;
	quarter: number;
	value: string;
	state: MeasurementState;
	comment: string;
}

export interface SeriesPoint {
	year: number;
	quarter: number;
	value: number | null;
	state: MeasurementState | null;
	comment: string;
	/**
	 * The definition changed here: a new version took effect in this quarter, or this value was
	 * entered under another version than the value before it.
	 */
	definitionBreak: boolean;
	bands: Bands | null;
	status: Status;
	/** 0–100 against the bands; null without value or target (docs/scoring.md). */
	score: number | null;
}

export interface KpiView {
	scorecardKpiId: number;
	kpiId: number;
	code: string;
	/** Shared catalogue KPI: comparable across cities. Local KPIs never are. */
	comparable: boolean;
	name: string;
	definition: string;
	unit: KpiUnit;
	decimals: number;
	polarity: Polarity;
	denominator: VersionRow['denominator'];
	source: string;
	weight: number;
	/** Latest quarter with a value, with the bands valid for its year. */
	latest: SeriesPoint | null;
	targetSource: 'city' | 'field' | null;
	status: Status;
	score: number | null;
	aggregation: VersionRow['aggregation'];
	/** The yearly figure of the latest value's year, formed by the definition's aggregation. */
	yearly: (YearlyValue & { year: number; status: Status }) | null;
	series: SeriesPoint[];
}

export type StatusCounts = Record<Status, number>;

export interface ObjectiveView {
	id: number;
	title: string;
	description: string;
	owner: string;
	kpis: KpiView[];
	statusCounts: StatusCounts;
	rollup: Rollup;
}

export interface PerspectiveView {
	id: number;
	key: string | null;
	name: string;
	objectives: ObjectiveView[];
	statusCounts: StatusCounts;
	rollup: Rollup;
}

export interface ScorecardView {
	perspectives: PerspectiveView[];
	rollup: Rollup;
	/** The newest quarter with any visible value; the page reports on it. */
	latestQuarter: { year: number; quarter: number } | null;
	quarters: { year: number; quarter: number }[];
}
