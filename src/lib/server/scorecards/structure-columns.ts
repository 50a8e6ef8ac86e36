import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { kpis, measurements, objectives, perspectives, scorecardKpis, targets } from '../db/schema';

/**
 * The one read of a scorecard's structure (perspectives → objectives → KPIs), shared by the
 * scorecard page, the API and the city overview so that the three cannot drift apart: the
 * columns of a `StructureRow`, the join conditions and the display order. Each query starts
 * from perspectives (or scorecards) and left-joins in this order, so that empty perspectives and
 * objectives still appear.
 */
export const structureColumns = {
	perspectiveId: perspectives.id,
	perspectiveKey: perspectives.key,
	perspectiveNameDe: perspectives.nameDe,
	perspectiveNameEn: perspectives.nameEn,
	objectiveId: objectives.id,
	objectiveTitle: objectives.title,
	objectiveDescription: objectives.description,
	objectiveOwner: objectives.owner,
	scorecardKpiId: scorecardKpis.id,
	kpiId: kpis.id,
	kpiCode: kpis.code,
	kpiIsLocal: sql<boolean | null>`${kpis.ownerOrganisationId} is not null`.mapWith((v: unknown) =>
		v === null ? null : v === true || v === 't'
	),
	weight: scorecardKpis.weight
};

export const objectiveInPerspective = eq(objectives.perspectiveId, perspectives.id);
/** Archived KPIs have left the scorecard; their values stay but they are not shown. */
export const liveKpiOfObjective = and(
	eq(scorecardKpis.objectiveId, objectives.id),
	isNull(scorecardKpis.archivedAt)
);
export const kpiOfScorecardKpi = eq(kpis.id, scorecardKpis.kpiId);

export const structureOrder = [
	asc(perspectives.sortOrder),
	asc(objectives.sortOrder),
	asc(scorecardKpis.sortOrder),
	asc(scorecardKpis.id)
];

/** A city's yearly target of a scorecard KPI (`TargetRow`). */
export const targetRowColumns = {
	scorecardKpiId: targets.scorecardKpiId,
	year: targets.year,
	greenMin: targets.greenMin,
	greenMax: targets.greenMax,
	yellowMin: targets.yellowMin,
	yellowMax: targets.yellowMax
};

/** A stored value as the scorecard reads it (`MeasurementRow`). */
export const measurementRowColumns = {
	kpiId: measurements.kpiId,
	kpiVersionId: measurements.kpiVersionId,
	year: measurements.year,
	quarter: measurements.quarter,
	value: measurements.value,
	state: measurements.state,
	comment: measurements.comment
};
