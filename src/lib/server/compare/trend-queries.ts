import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import { fieldParticipants, measurements, organisations } from '../db/schema';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import { cityTargetColumns, cityTargetOf, cityTargetOfValue } from './city-target';
import { participantCities, valueOfParticipant } from './heatmap-queries';
import type { TrendRow } from '../../domain/compare/trend';
import type { Quarter } from '../../domain/period/quarter';

/**
 * The chosen cities' visible values of one shared KPI (by the measurements' unique index per
 * city), only participants of the field. The whole history comes along: the same quarter last
 * year is there for the first quarters. Each value comes with its comment and, where it has
 * one, the city's target for its year. The ring's median comes from the database
 * (`loadTrendMedians`), so no other city's rows are read.
 */
export async function loadTrendRows(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	kpiId: number,
	cityIds: readonly number[]
): Promise<TrendRow[]> {
	if (cityIds.length === 0) return [];
	const cityTarget = cityTargetOfValue(db);
	const rows = await db
		.select({
			organisationId: measurements.organisationId,
			kpiVersionId: measurements.kpiVersionId,
			year: measurements.year,
			quarter: measurements.quarter,
			value: measurements.value,
			state: measurements.state,
			comment: measurements.comment,
			...cityTargetColumns(cityTarget)
		})
		.from(measurements)
		.innerJoin(fieldParticipants, valueOfParticipant(fieldId))
		.innerJoin(organisations, participantCities)
		.leftJoinLateral(cityTarget, sql`true`)
		.where(
			and(
				eq(measurements.kpiId, kpiId),
				inArray(measurements.organisationId, [...cityIds]),
				visibleValues(viewer)
			)
		)
		.orderBy(asc(measurements.organisationId), asc(measurements.year), asc(measurements.quarter));
	return rows.map(({ cityGreenMin, cityGreenMax, cityYellowMin, cityYellowMax, ...r }) => ({
		...r,
		cityTarget: cityTargetOf({ cityGreenMin, cityGreenMax, cityYellowMin, cityYellowMax })
	}));
}

/**
 * Every quarter with a visible value of the KPI among the field's participants (or the peer
 * group's), oldest first: the range pickers and the default range. Read from the covering
 * index, without carrying the values.
 */
export function loadTrendQuarters(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	kpiId: number,
	members: readonly number[] | null
): Promise<Quarter[]> {
	return db
		.selectDistinct({ year: measurements.year, quarter: measurements.quarter })
		.from(measurements)
		.innerJoin(fieldParticipants, valueOfParticipant(fieldId))
		.innerJoin(organisations, participantCities)
		.where(
			and(
				eq(measurements.kpiId, kpiId),
				visibleValues(viewer),
				members ? inArray(measurements.organisationId, [...members]) : undefined
			)
		)
		.orderBy(asc(measurements.year), asc(measurements.quarter));
}
