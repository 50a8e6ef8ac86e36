import { and, eq, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import {
	measurements,
	objectives,
	perspectives,
	scorecardKpis,
	scorecards,
	targets
} from '../db/schema';

/**
 * The city's own target for a joined value's KPI and year, as a lateral subquery of a read that
 * joins `measurements`: it decides whether the value's comment travels (`travellingNote`), so it
 * is looked up only for values with a comment – the rest cost one skipped filter, not a join.
 * Left-joined with `sql\`true\``; no row without a comment or a target.
 */
export function cityTargetOfValue(db: DbOrTx) {
	return db
		.select({
			greenMin: targets.greenMin,
			greenMax: targets.greenMax,
			yellowMin: targets.yellowMin,
			yellowMax: targets.yellowMax
		})
		.from(targets)
		.innerJoin(
			scorecardKpis,
			and(eq(scorecardKpis.id, targets.scorecardKpiId), isNull(scorecardKpis.archivedAt))
		)
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.innerJoin(scorecards, eq(scorecards.id, perspectives.scorecardId))
		.where(
			and(
				ne(measurements.comment, ''),
				eq(scorecards.organisationId, measurements.organisationId),
				eq(scorecardKpis.kpiId, measurements.kpiId),
				eq(targets.year, measurements.year)
			)
		)
		.limit(1)
		.as('city_target');
}

/** The four bounds of `cityTargetOfValue` as one value, null where the city set no target. */
export function cityTargetColumns(target: ReturnType<typeof cityTargetOfValue>) {
	return {
		cityGreenMin: target.greenMin,
		cityGreenMax: target.greenMax,
		cityYellowMin: target.yellowMin,
		cityYellowMax: target.yellowMax
	};
}

/** The city target's bounds from a row read with `cityTargetColumns`. */
export function cityTargetOf(row: {
	cityGreenMin: string | null;
	cityGreenMax: string | null;
	cityYellowMin: string | null;
	cityYellowMax: string | null;
}) {
	const bands = {
		greenMin: row.cityGreenMin,
		greenMax: row.cityGreenMax,
		yellowMin: row.cityYellowMin,
		yellowMax: row.cityYellowMax
	};
	return Object.values(bands).every((b) => b === null) ? null : bands;
}
