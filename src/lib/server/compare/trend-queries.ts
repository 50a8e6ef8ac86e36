import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/types';
import { fieldParticipants, kpis, measurements, organisations } from '../db/schema';
import type { Viewer } from '../auth/viewer';
import { visibleValues } from './visible';
import { participantCities } from './heatmap-queries';
import type { TrendRow } from '../../domain/compare/trend';

/**
 * Every participating city of the field with all its visible values of one shared KPI, in one
 * read (by the measurements' unique index per city). The whole history comes along: the range
 * pickers offer what exists, and the same quarter last year is there for the first quarters.
 */
export function loadTrendRows(
	db: DbOrTx,
	viewer: Viewer,
	fieldId: number,
	kpiId: number
): Promise<TrendRow[]> {
	return db
		.select({
			organisationId: organisations.id,
			slug: organisations.slug,
			name: organisations.name,
			kpiVersionId: measurements.kpiVersionId,
			year: measurements.year,
			quarter: measurements.quarter,
			value: measurements.value,
			state: measurements.state
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
		.where(eq(fieldParticipants.fieldId, fieldId))
		.orderBy(asc(organisations.name), asc(measurements.year), asc(measurements.quarter));
}
