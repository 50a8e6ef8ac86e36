import { and, eq, isNull } from 'drizzle-orm';
import {
	kpiAggregation,
	kpiDenominator,
	kpiPolarity,
	kpis,
	kpiUnit,
	kpiVersions
} from '../db/schema';
import { kpiDefinitionColumns } from './version-columns';
import { bandProblems, type BandProblem, type Bands } from '../../domain/status/status';
import type { Quarter } from '../../domain/period/quarter';

/**
 * What a version of a shared KPI's Steckbrief says, and how it is stored: the catalogue's types,
 * which fields a correction may change, and the mapping between the form's numbers and the
 * database's numeric bands. Read by `queries.ts`, written by `commands.ts`.
 */

export type KpiUnit = (typeof kpiUnit.enumValues)[number];
export type KpiPolarity = (typeof kpiPolarity.enumValues)[number];
export type KpiAggregation = (typeof kpiAggregation.enumValues)[number];
export type KpiDenominator = (typeof kpiDenominator.enumValues)[number];

/** Everything a version of a Steckbrief says, bands as numbers (null: unbounded). */
export interface KpiDefinition extends Bands {
	nameDe: string;
	nameEn: string;
	definitionDe: string;
	definitionEn: string;
	unit: KpiUnit;
	decimals: number;
	polarity: KpiPolarity;
	aggregation: KpiAggregation;
	denominator: KpiDenominator;
	source: string;
	plausibleChangePercent: number | null;
}

/** Changing one of these changes what the figures mean: only a new version may do it. */
export const meaningFields = ['unit', 'polarity', 'aggregation', 'denominator'] as const;
export type MeaningField = (typeof meaningFields)[number];

/** What a correction may change in place (typos, wording, display, plausibility, common target). */
export const correctableFields = [
	'nameDe',
	'nameEn',
	'definitionDe',
	'definitionEn',
	'source',
	'decimals',
	'plausibleChangePercent',
	'greenMin',
	'greenMax',
	'yellowMin',
	'yellowMax'
] as const satisfies readonly (keyof KpiDefinition)[];

export const definitionFields = [...correctableFields, ...meaningFields] as const;

export interface KpiVersionRow extends KpiDefinition {
	id: number;
	validFromYear: number;
	validFromQuarter: number;
	createdAt: Date;
}

export interface CatalogueEntry extends KpiVersionRow {
	kpiId: number;
	code: string;
	sortOrder: number;
	archivedAt: Date | null;
	/** The KPI's lock version: a form carries it and every write names it. */
	version: number;
	versionCount: number;
	valueCount: number;
	scorecardUseCount: number;
}

export interface KpiDetail {
	kpiId: number;
	fieldId: number;
	code: string;
	sortOrder: number;
	archivedAt: Date | null;
	version: number;
	valueCount: number;
	scorecardUseCount: number;
	/** Without values and scorecard use the KPI may be deleted; otherwise only archived. */
	deletable: boolean;
	/** Newest first; `latest` is versions[0]. */
	versions: (KpiVersionRow & { valueCount: number })[];
	latest: KpiVersionRow & { valueCount: number };
}

/**
 * Which problems the bands have for the polarity; none when no band is given at all (a field
 * need not agree a common target).
 */
export function commonTargetProblems(polarity: KpiPolarity, bands: Bands): BandProblem[] {
	const { greenMin, greenMax, yellowMin, yellowMax } = bands;
	if (greenMin === null && greenMax === null && yellowMin === null && yellowMax === null) return [];
	return bandProblems(polarity, bands);
}

export const toNumeric = (n: number | null) => (n === null ? null : String(n));
export const fromNumeric = (s: string | null) => (s === null ? null : Number(s));

export function versionValues(definition: KpiDefinition) {
	return {
		nameDe: definition.nameDe,
		nameEn: definition.nameEn,
		definitionDe: definition.definitionDe,
		definitionEn: definition.definitionEn,
		unit: definition.unit,
		decimals: definition.decimals,
		polarity: definition.polarity,
		aggregation: definition.aggregation,
		denominator: definition.denominator,
		source: definition.source,
		plausibleChangePercent: definition.plausibleChangePercent,
		greenMin: toNumeric(definition.greenMin),
		greenMax: toNumeric(definition.greenMax),
		yellowMin: toNumeric(definition.yellowMin),
		yellowMax: toNumeric(definition.yellowMax)
	};
}

export const versionColumns = {
	id: kpiVersions.id,
	...kpiDefinitionColumns,
	plausibleChangePercent: kpiVersions.plausibleChangePercent,
	createdAt: kpiVersions.createdAt
};

export type StoredBands = {
	greenMin: string | null;
	greenMax: string | null;
	yellowMin: string | null;
	yellowMax: string | null;
};

export function toVersionRow<T extends StoredBands>(row: T): Omit<T, keyof StoredBands> & Bands {
	return {
		...row,
		greenMin: fromNumeric(row.greenMin),
		greenMax: fromNumeric(row.greenMax),
		yellowMin: fromNumeric(row.yellowMin),
		yellowMax: fromNumeric(row.yellowMax)
	};
}

/** Only the definition's own fields, for audit entries and comparisons. */
export function definitionOf(row: KpiDefinition): KpiDefinition {
	return Object.fromEntries(definitionFields.map((f) => [f, row[f]])) as unknown as KpiDefinition;
}

export const differs = (
	a: KpiDefinition,
	b: KpiDefinition,
	fields: readonly (keyof KpiDefinition)[]
) => fields.filter((f) => a[f] !== b[f]);

export const sharedKpiOfField = (fieldId: number) =>
	and(eq(kpis.fieldId, fieldId), isNull(kpis.ownerOrganisationId));

export const validFromOf = (v: { validFromYear: number; validFromQuarter: number }): Quarter => ({
	year: v.validFromYear,
	quarter: v.validFromQuarter
});
