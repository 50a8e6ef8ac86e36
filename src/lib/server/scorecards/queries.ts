import { and, asc, eq, inArray, sql, type Placeholder } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import { kpiDefinitionColumns } from '../catalogue/version-columns';
import {
	cooperationFields,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	perspectives,
	scorecardKpis,
	scorecards,
	targets
} from '../db/schema';
import type { MeasurementState } from '../auth/viewer';
import type {
	MeasurementRow,
	StructureRow,
	TargetRow,
	VersionRow
} from '../../domain/scorecard/types';
import {
	kpiOfScorecardKpi,
	liveKpiOfObjective,
	objectiveInPerspective,
	structureColumns,
	structureOrder,
	targetRowColumns,
	measurementRowColumns
} from './structure-columns';
import {
	fieldColumns,
	fieldOf,
	organisationColumns,
	organisationOf,
	type ScorecardField,
	type ScorecardOrganisation
} from './header-columns';
import { builtOnce } from '../db/built-once';

export interface ScorecardHeader {
	scorecardId: number;
	organisation: ScorecardOrganisation;
	field: ScorecardField;
}

const scorecardBySlugs = builtOnce((db) =>
	db
		.select({ scorecardId: scorecards.id, ...organisationColumns, ...fieldColumns })
		.from(scorecards)
		.innerJoin(organisations, eq(organisations.id, scorecards.organisationId))
		.innerJoin(cooperationFields, eq(cooperationFields.id, scorecards.fieldId))
		.where(
			and(
				eq(organisations.slug, sql.placeholder('organisation')),
				eq(cooperationFields.slug, sql.placeholder('field'))
			)
		)
		.prepare('scorecard_by_slugs')
);

export async function findScorecard(
	db: DbOrTx,
	organisationSlug: string,
	fieldSlug: string
): Promise<ScorecardHeader | null> {
	const [row] = await scorecardBySlugs(db).execute({
		organisation: organisationSlug,
		field: fieldSlug
	});
	if (!row) return null;
	return { scorecardId: row.scorecardId, organisation: organisationOf(row), field: fieldOf(row) };
}

/** The KPI ids on a scorecard, as a subquery so each read below stays one round trip. */
export const scorecardKpiIds = (db: DbOrTx, scorecardId: number | Placeholder) =>
	db
		.select({ kpiId: scorecardKpis.kpiId })
		.from(scorecardKpis)
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(eq(perspectives.scorecardId, scorecardId));

export function loadStructure(db: DbOrTx, scorecardId: number): Promise<StructureRow[]> {
	return db
		.select({
			...structureColumns
		})
		.from(perspectives)
		.leftJoin(objectives, objectiveInPerspective)
		.leftJoin(scorecardKpis, liveKpiOfObjective)
		.leftJoin(kpis, kpiOfScorecardKpi)
		.where(eq(perspectives.scorecardId, scorecardId))
		.orderBy(...structureOrder);
}

type TargetOfRow = Omit<TargetRow, 'scorecardKpiId'>;

/**
 * The structure with each KPI's yearly targets and its definition's versions beside it (as
 * JSON, numeric columns as text like drizzle reads them): the dashboard's structure, targets and
 * versions in one statement instead of three.
 */
const structureWithTargetsAndVersions = builtOnce((db) =>
	db
		.select({
			...structureColumns,
			targets: sql<TargetOfRow[] | null>`(select json_agg(json_build_object('year', ${targets.year},
				'greenMin', ${targets.greenMin}::text, 'greenMax', ${targets.greenMax}::text,
				'yellowMin', ${targets.yellowMin}::text, 'yellowMax', ${targets.yellowMax}::text))
				from ${targets} where ${targets.scorecardKpiId} = ${scorecardKpis.id})`,
			versions: sql<Omit<VersionRow, 'kpiId'>[] | null>`(select json_agg(json_build_object(
				'id', ${kpiVersions.id},
				'validFromYear', ${kpiVersions.validFromYear}, 'validFromQuarter', ${kpiVersions.validFromQuarter},
				'nameDe', ${kpiVersions.nameDe}, 'nameEn', ${kpiVersions.nameEn},
				'definitionDe', ${kpiVersions.definitionDe}, 'definitionEn', ${kpiVersions.definitionEn},
				'unit', ${kpiVersions.unit}, 'decimals', ${kpiVersions.decimals},
				'polarity', ${kpiVersions.polarity}, 'aggregation', ${kpiVersions.aggregation},
				'denominator', ${kpiVersions.denominator}, 'source', ${kpiVersions.source},
				'plausibleChangePercent', ${kpiVersions.plausibleChangePercent},
				'greenMin', ${kpiVersions.greenMin}::text, 'greenMax', ${kpiVersions.greenMax}::text,
				'yellowMin', ${kpiVersions.yellowMin}::text, 'yellowMax', ${kpiVersions.yellowMax}::text))
				from ${kpiVersions} where ${kpiVersions.kpiId} = ${kpis.id})`
		})
		.from(perspectives)
		.leftJoin(objectives, objectiveInPerspective)
		.leftJoin(scorecardKpis, liveKpiOfObjective)
		.leftJoin(kpis, kpiOfScorecardKpi)
		.where(eq(perspectives.scorecardId, sql.placeholder('scorecard')))
		.orderBy(...structureOrder)
		.prepare('scorecard_structure')
);

export async function loadStructureWithTargetsAndVersions(
	db: DbOrTx,
	scorecardId: number
): Promise<{ structure: StructureRow[]; targets: TargetRow[]; versions: VersionRow[] }> {
	const rows = await structureWithTargetsAndVersions(db).execute({ scorecard: scorecardId });
	const structure: StructureRow[] = [];
	const found: TargetRow[] = [];
	const versions = new Map<number, VersionRow>();
	for (const { targets: ofRow, versions: ofKpi, ...row } of rows) {
		structure.push(row);
		for (const t of ofRow ?? []) found.push({ scorecardKpiId: row.scorecardKpiId!, ...t });
		for (const v of ofKpi ?? []) versions.set(v.id, { kpiId: row.kpiId!, ...v });
	}
	// The order loadVersions reads them in: by KPI, then from when they apply.
	const byStart = [...versions.values()].sort(
		(a, b) =>
			a.kpiId - b.kpiId ||
			a.validFromYear - b.validFromYear ||
			a.validFromQuarter - b.validFromQuarter
	);
	return { structure, targets: found, versions: byStart };
}

export function loadVersions(db: DbOrTx, scorecardId: number): Promise<VersionRow[]> {
	return db
		.select({
			id: kpiVersions.id,
			kpiId: kpiVersions.kpiId,
			...kpiDefinitionColumns
		})
		.from(kpiVersions)
		.where(inArray(kpiVersions.kpiId, scorecardKpiIds(db, scorecardId)))
		.orderBy(
			asc(kpiVersions.kpiId),
			asc(kpiVersions.validFromYear),
			asc(kpiVersions.validFromQuarter)
		);
}

export function loadTargets(db: DbOrTx, scorecardId: number): Promise<TargetRow[]> {
	return db
		.select(targetRowColumns)
		.from(targets)
		.innerJoin(scorecardKpis, eq(scorecardKpis.id, targets.scorecardKpiId))
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(eq(perspectives.scorecardId, scorecardId));
}

/**
 * One city's series of every KPI on the scorecard, only in the states the viewer may see.
 * Served by the (organisation, kpi, year, quarter) unique index.
 */
const measurementsOfScorecard = builtOnce((db) =>
	db
		.select(measurementRowColumns)
		.from(measurements)
		.where(
			and(
				eq(measurements.organisationId, sql.placeholder('organisation')),
				inArray(measurements.kpiId, scorecardKpiIds(db, sql.placeholder('scorecard'))),
				// The states as one array literal: PGlite does not take a JavaScript array as a parameter.
				sql`${measurements.state} = any(${sql.placeholder('states')}::measurement_state[])`
			)
		)
		.orderBy(asc(measurements.kpiId), asc(measurements.year), asc(measurements.quarter))
		.prepare('scorecard_measurements')
);

export function loadMeasurements(
	db: DbOrTx,
	organisationId: number,
	scorecardId: number,
	states: MeasurementState[]
): Promise<MeasurementRow[]> {
	return measurementsOfScorecard(db).execute({
		organisation: organisationId,
		scorecard: scorecardId,
		states: `{${states.join(',')}}`
	});
}
