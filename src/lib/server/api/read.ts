import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import { kpiDefinitionColumns } from '../catalogue/version-columns';
import {
	cooperationFields,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	perspectives,
	scorecardKpis,
	scorecards,
	targets
} from '../db/schema';
import { visibleStatesFor, type Principal } from '../auth/permissions';
import {
	findScorecard,
	loadMeasurements,
	loadStructure,
	loadTargets,
	loadVersions
} from '../scorecards/queries';
import { compareQuarters, type Quarter } from '../../domain/period/quarter';
import type {
	MeasurementRow,
	StructureRow,
	TargetRow,
	VersionRow
} from '../../domain/scorecard/types';
import { groupBy } from '../../util/group-by';
import type { ApiScorecard, ApiScorecardKpi } from './schemas';
import {
	kpiOfScorecardKpi,
	liveKpiOfObjective,
	objectiveInPerspective,
	structureColumns,
	structureOrder,
	targetRowColumns
} from '../scorecards/structure-columns';

/**
 * Reads for the API, in the shapes of schemas.ts. A city's scorecards are read with three
 * city-wide queries (not three per field); one scorecard reuses the scorecard page's queries.
 */

const num = (v: string | null): number | null => (v === null ? null : Number(v));
const bandsOf = (b: {
	greenMin: string | null;
	greenMax: string | null;
	yellowMin: string | null;
	yellowMax: string | null;
}) => ({
	greenMin: num(b.greenMin),
	greenMax: num(b.greenMax),
	yellowMin: num(b.yellowMin),
	yellowMax: num(b.yellowMax)
});

interface FieldHeader {
	slug: string;
	nameDe: string;
	nameEn: string;
}

/** Perspectives → objectives → KPIs of one scorecard, with definitions, targets and values. */
function buildScorecard(input: {
	field: FieldHeader;
	structure: StructureRow[];
	versions: Map<number, VersionRow[]>;
	targets: Map<number, TargetRow[]>;
	values?: Map<number, MeasurementRow[]>;
}): ApiScorecard {
	const kpi = (row: StructureRow): ApiScorecardKpi | null => {
		if (row.scorecardKpiId === null || row.kpiId === null || row.kpiCode === null) return null;
		return {
			code: row.kpiCode,
			comparable: row.kpiIsLocal === false,
			weight: Number(row.weight ?? 1),
			definitions: (input.versions.get(row.kpiId) ?? []).map((v) => ({
				validFrom: { year: v.validFromYear, quarter: v.validFromQuarter },
				nameDe: v.nameDe,
				nameEn: v.nameEn,
				definitionDe: v.definitionDe,
				definitionEn: v.definitionEn,
				unit: v.unit,
				decimals: v.decimals,
				polarity: v.polarity,
				aggregation: v.aggregation,
				denominator: v.denominator,
				source: v.source,
				plausibleChangePercent: v.plausibleChangePercent,
				commonTarget: (v.greenMin ?? v.greenMax ?? v.yellowMin ?? v.yellowMax) ? bandsOf(v) : null
			})),
			targets: (input.targets.get(row.scorecardKpiId) ?? [])
				.map((t) => ({ year: t.year, ...bandsOf(t) }))
				.sort((a, b) => a.year - b.year),
			...(input.values
				? {
						values: (input.values.get(row.kpiId) ?? []).map((m) => ({
							year: m.year,
							quarter: m.quarter,
							value: Number(m.value),
							state: m.state,
							comment: m.comment
						}))
					}
				: {})
		};
	};
	return {
		field: input.field,
		perspectives: [...groupBy(input.structure, (r) => r.perspectiveId).values()].map((rows) => {
			const p = rows[0]!;
			return {
				key: p.perspectiveKey,
				nameDe: p.perspectiveNameDe,
				nameEn: p.perspectiveNameEn,
				objectives: [
					...groupBy(
						rows.filter((r) => r.objectiveId !== null),
						(r) => r.objectiveId!
					).values()
				].map((objectiveRows) => {
					const o = objectiveRows[0]!;
					return {
						title: o.objectiveTitle ?? '',
						description: o.objectiveDescription ?? '',
						owner: o.objectiveOwner ?? '',
						kpis: objectiveRows.map(kpi).filter((k): k is ApiScorecardKpi => k !== null)
					};
				})
			};
		})
	};
}

/** The KPIs on any of the city's scorecards, as a subquery. */
const cityKpiIds = (db: DbOrTx, organisationId: number) =>
	db
		.select({ kpiId: scorecardKpis.kpiId })
		.from(scorecardKpis)
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.innerJoin(scorecards, eq(scorecards.id, perspectives.scorecardId))
		.where(eq(scorecards.organisationId, organisationId));

/** Every scorecard of the city with its structure, definitions and targets: three queries. */
export async function loadCityScorecards(
	db: DbOrTx,
	organisationId: number
): Promise<ApiScorecard[]> {
	const [structure, versions, cityTargets] = await Promise.all([
		db
			.select({
				scorecardId: scorecards.id,
				fieldSlug: cooperationFields.slug,
				fieldNameDe: cooperationFields.nameDe,
				fieldNameEn: cooperationFields.nameEn,
				...structureColumns
			})
			.from(scorecards)
			.innerJoin(cooperationFields, eq(cooperationFields.id, scorecards.fieldId))
			.leftJoin(perspectives, eq(perspectives.scorecardId, scorecards.id))
			.leftJoin(objectives, objectiveInPerspective)
			.leftJoin(scorecardKpis, liveKpiOfObjective)
			.leftJoin(kpis, kpiOfScorecardKpi)
			.where(eq(scorecards.organisationId, organisationId))
			.orderBy(asc(cooperationFields.sortOrder), asc(cooperationFields.slug), ...structureOrder),
		db
			.select({ id: kpiVersions.id, kpiId: kpiVersions.kpiId, ...kpiDefinitionColumns })
			.from(kpiVersions)
			.where(inArray(kpiVersions.kpiId, cityKpiIds(db, organisationId)))
			.orderBy(
				asc(kpiVersions.kpiId),
				asc(kpiVersions.validFromYear),
				asc(kpiVersions.validFromQuarter)
			),
		db
			.select(targetRowColumns)
			.from(targets)
			.innerJoin(scorecardKpis, eq(scorecardKpis.id, targets.scorecardKpiId))
			.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
			.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
			.innerJoin(scorecards, eq(scorecards.id, perspectives.scorecardId))
			.where(eq(scorecards.organisationId, organisationId))
	]);
	const versionsByKpi = groupBy(versions, (v) => v.kpiId);
	const targetsBySkpi = groupBy(cityTargets, (t) => t.scorecardKpiId);
	return [...groupBy(structure, (r) => r.scorecardId).values()].map((rows) => {
		const first = rows[0]!;
		return buildScorecard({
			field: { slug: first.fieldSlug, nameDe: first.fieldNameDe, nameEn: first.fieldNameEn },
			structure: rows.flatMap(({ perspectiveId, perspectiveNameDe, perspectiveNameEn, ...r }) =>
				perspectiveId === null || perspectiveNameDe === null || perspectiveNameEn === null
					? []
					: [{ ...r, perspectiveId, perspectiveNameDe, perspectiveNameEn }]
			),
			versions: versionsByKpi,
			targets: targetsBySkpi
		});
	});
}

/**
 * One scorecard with its values in the quarter range (both ends included), with the scorecard
 * page's five queries. Null when the city keeps no scorecard in the field.
 */
export async function loadScorecardWithValues(
	db: DbOrTx,
	input: {
		principal: Principal;
		organisationId: number;
		citySlug: string;
		fieldSlug: string;
		from?: Quarter;
		to?: Quarter;
	}
): Promise<ApiScorecard | null> {
	const header = await findScorecard(db, input.citySlug, input.fieldSlug);
	if (!header || header.organisation.id !== input.organisationId) return null;
	const states = visibleStatesFor(input.principal, input.organisationId);
	const [structure, versions, scorecardTargets, values] = await Promise.all([
		loadStructure(db, header.scorecardId),
		loadVersions(db, header.scorecardId),
		loadTargets(db, header.scorecardId),
		loadMeasurements(db, input.organisationId, header.scorecardId, states)
	]);
	const { from, to } = input;
	const inRange = values.filter(
		(v) => (!from || compareQuarters(v, from) >= 0) && (!to || compareQuarters(v, to) <= 0)
	);
	return buildScorecard({
		field: { slug: header.field.slug, nameDe: header.field.nameDe, nameEn: header.field.nameEn },
		structure,
		versions: groupBy(versions, (v) => v.kpiId),
		targets: groupBy(scorecardTargets, (t) => t.scorecardKpiId),
		values: groupBy(inRange, (v) => v.kpiId)
	});
}

export interface ValueRow {
	city: string;
	field: string;
	kpi: string;
	year: number;
	quarter: number;
	value: number;
	comment: string;
	state: 'draft' | 'submitted' | 'released';
}

/**
 * The city's values by natural key, in the columns of the file import: one query over the
 * (organisation, kpi, year, quarter) index. `fieldKnown` is false for a field slug that does
 * not exist (answered as a bad query, not as "no values").
 */
export async function loadValueRows(
	db: DbOrTx,
	input: {
		principal: Principal;
		organisationId: number;
		citySlug: string;
		field?: string;
		year?: number;
		quarter?: number;
	}
): Promise<{ fieldKnown: boolean; rows: ValueRow[] }> {
	const states = visibleStatesFor(input.principal, input.organisationId);
	const [rows, field] = await Promise.all([
		db
			.select({
				field: cooperationFields.slug,
				kpi: kpis.code,
				year: measurements.year,
				quarter: measurements.quarter,
				value: measurements.value,
				comment: measurements.comment,
				state: measurements.state,
				version: measurements.version
			})
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.innerJoin(cooperationFields, eq(cooperationFields.id, kpis.fieldId))
			.where(
				and(
					eq(measurements.organisationId, input.organisationId),
					inArray(measurements.state, states),
					input.field === undefined ? undefined : eq(cooperationFields.slug, input.field),
					input.year === undefined ? undefined : eq(measurements.year, input.year),
					input.quarter === undefined ? undefined : eq(measurements.quarter, input.quarter)
				)
			)
			.orderBy(
				asc(cooperationFields.sortOrder),
				asc(cooperationFields.slug),
				asc(kpis.sortOrder),
				asc(kpis.code),
				asc(measurements.year),
				asc(measurements.quarter)
			),
		input.field === undefined
			? Promise.resolve([{ id: 0 }])
			: db
					.select({ id: cooperationFields.id })
					.from(cooperationFields)
					.where(eq(cooperationFields.slug, input.field))
	]);
	return {
		fieldKnown: field.length > 0,
		rows: rows.map((r) => ({ city: input.citySlug, ...r, value: Number(r.value) }))
	};
}

/** The city's slug and name for the answers' `city` member (the token already names them). */
export const cityOf = (token: { organisationSlug: string; organisationName: string }) => ({
	slug: token.organisationSlug,
	name: token.organisationName
});
