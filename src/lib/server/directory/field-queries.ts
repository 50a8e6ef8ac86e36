import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/types';
import { kpiDefinitionColumns } from '../catalogue/version-columns';
import {
	cooperationFields,
	fieldParticipants,
	kpis,
	kpiVersions,
	organisations,
	scorecards
} from '../db/schema';

export async function findFieldBySlug(db: DbOrTx, slug: string) {
	const lead = alias(organisations, 'lead');
	const [row] = await db
		.select({
			id: cooperationFields.id,
			slug: cooperationFields.slug,
			nameDe: cooperationFields.nameDe,
			nameEn: cooperationFields.nameEn,
			descriptionDe: cooperationFields.descriptionDe,
			descriptionEn: cooperationFields.descriptionEn,
			leadName: lead.name,
			leadSlug: lead.slug
		})
		.from(cooperationFields)
		.leftJoin(lead, eq(lead.id, cooperationFields.leadOrganisationId))
		.where(eq(cooperationFields.slug, slug));
	return row ?? null;
}

/** The shared catalogue of a field, each KPI with its newest definition. */
export function listCatalogue(db: DbOrTx, fieldId: number) {
	return db
		.selectDistinctOn([kpis.sortOrder, kpis.id], {
			kpiId: kpis.id,
			code: kpis.code,
			...kpiDefinitionColumns
		})
		.from(kpis)
		.innerJoin(kpiVersions, eq(kpiVersions.kpiId, kpis.id))
		.where(
			and(eq(kpis.fieldId, fieldId), isNull(kpis.ownerOrganisationId), isNull(kpis.archivedAt))
		)
		.orderBy(
			asc(kpis.sortOrder),
			asc(kpis.id),
			desc(kpiVersions.validFromYear),
			desc(kpiVersions.validFromQuarter)
		);
}

/** Organisations taking part in a field, and whether each keeps a scorecard there. */
export function listParticipants(db: DbOrTx, fieldId: number) {
	return db
		.select({
			slug: organisations.slug,
			name: organisations.name,
			hasScorecard: sql<boolean>`${scorecards.id} is not null`.mapWith(
				(v: unknown) => v === true || v === 't'
			)
		})
		.from(fieldParticipants)
		.innerJoin(organisations, eq(organisations.id, fieldParticipants.organisationId))
		.leftJoin(
			scorecards,
			and(eq(scorecards.organisationId, organisations.id), eq(scorecards.fieldId, fieldId))
		)
		.where(eq(fieldParticipants.fieldId, fieldId))
		.orderBy(asc(organisations.name));
}
