import { asc, sql } from 'drizzle-orm';
import {
	cooperationFields,
	fieldParticipants,
	kpis,
	measurements,
	organisations,
	reportingPeriods
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import type { RingField } from '../../types/compare';

export type { RingField };

/**
 * The ring at a glance for a viewer without own city (Städtetag, administration): per field its
 * participating cities, newest reporting quarter and how many cities released shared values in it.
 * Released values only, so every viewer gets the same figures. One read.
 */
export async function loadRingOverview(db: DbOrTx): Promise<RingField[]> {
	const newest = db
		.select({ year: reportingPeriods.year, quarter: reportingPeriods.quarter })
		.from(reportingPeriods)
		.where(sql`${reportingPeriods.fieldId} = ${cooperationFields.id}`)
		.orderBy(sql`${reportingPeriods.year} desc`, sql`${reportingPeriods.quarter} desc`)
		.limit(1)
		.as('newest');
	// Participants that are cities or municipalities: the association is no member of the ring.
	const participant = sql`from ${fieldParticipants} fp join ${organisations} o
		on o.id = fp.organisation_id and o.kind <> 'association' where fp.field_id = ${cooperationFields.id}`;
	const rows = await db
		.select({
			slug: cooperationFields.slug,
			nameDe: cooperationFields.nameDe,
			nameEn: cooperationFields.nameEn,
			year: newest.year,
			quarter: newest.quarter,
			cities: sql<number>`(select count(*)::int ${participant})`,
			sharedKpis: sql<number>`(select count(*)::int from ${kpis} k where k.field_id = ${cooperationFields.id}
				and k.owner_organisation_id is null and k.archived_at is null)`,
			releasedCities: sql<number>`(select count(distinct m.organisation_id)::int
				from ${measurements} m join ${kpis} k on k.id = m.kpi_id
				where k.field_id = ${cooperationFields.id} and k.owner_organisation_id is null
				and k.archived_at is null and m.year = ${newest.year} and m.quarter = ${newest.quarter}
				and m.state = 'released'
				and m.organisation_id in (select fp.organisation_id ${participant}))`
		})
		.from(cooperationFields)
		.leftJoinLateral(newest, sql`true`)
		.orderBy(asc(cooperationFields.sortOrder), asc(cooperationFields.nameDe));
	return rows.map(({ year, quarter, ...field }) => ({
		...field,
		quarter: year !== null && quarter !== null ? { year, quarter } : null
	}));
}
