import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import { fieldParticipants, kpis, measurements, organisations } from '../db/schema';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import { cityTargetColumns, cityTargetOf, cityTargetOfValue } from './city-target';
import { participantCities } from './heatmap-queries';
import type { TrendRow } from '../../domain/compare/trend';

/**
 * Every participating city of the field with all its visible values of one shared KPI, in one
 * read (by the measurements' unique index per city). The whole history comes along: the range
 * pickers offer what exists, and the same quarter last year is there for the first quarters.
 * Each value comes with its comment and, where it has one, the city's target for its year.
 */
export async function loadTrendRows(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	kpiId: number
): Promise<TrendRow[]> {
	const cityTarget = cityTargetOfValue(db);
	const rows = await db
		.select({
			organisationId: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			kpiVersionId: measurements.kpiVersionId,
			year: measurements.year,
			quarter: measurements.quarter,
			value: measurements.value,
			state: measurements.state,
			comment: measurements.comment,
			...cityTargetColumns(cityTarget)
		})
		.from(fieldParticipants)
		.innerJoin(organisations, participantCities)
		.leftJoin(
			kpis,
			and(eq(kpis.id, kpiId), isNull(kpis.ownerOrganisationId), eq(kpis.fieldId, fieldId))
		)
		.leftJoin(
			measurements,
			and(
				eq(measurements.organisationId, organisations.id),
				eq(measurements.kpiId, kpis.id),
				visibleValues(viewer)
			)
		)
		.leftJoinLateral(cityTarget, sql`true`)
		.where(eq(fieldParticipants.fieldId, fieldId))
		.orderBy(asc(organisations.name), asc(measurements.year), asc(measurements.quarter));
	return rows.map(({ cityGreenMin, cityGreenMax, cityYellowMin, cityYellowMax, ...r }) => ({
		...r,
		cityTarget: cityTargetOf({ cityGreenMin, cityGreenMax, cityYellowMin, cityYellowMax })
	}));
}
