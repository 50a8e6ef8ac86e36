import { and, eq, isNull } from 'drizzle-orm';
import { cooperationFields, organisations, scorecards } from '../../db/schema';
import type { DbOrTx } from '../../db/types';

/**
 * What an editor works on: a city's scorecard in a field, or the field's template (no
 * organisation). A city may not have its scorecard row yet; adopting the template creates it.
 */
export interface EditorTarget {
	kind: 'city' | 'template';
	scorecardId: number | null;
	version: number;
	mission: string;
	organisation: { id: number; slug: string; name: string } | null;
	field: { id: number; slug: string; nameDe: string; nameEn: string };
}

export async function findCityEditorTarget(
	db: DbOrTx,
	citySlug: string,
	fieldSlug: string
): Promise<EditorTarget | null> {
	const [row] = await db
		.select({
			organisationId: organisations.id,
			organisationSlug: organisations.slug,
			organisationName: organisations.name,
			fieldId: cooperationFields.id,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			scorecardId: scorecards.id,
			version: scorecards.version,
			mission: scorecards.mission
		})
		.from(organisations)
		.innerJoin(cooperationFields, eq(cooperationFields.slug, fieldSlug))
		.leftJoin(
			scorecards,
			and(
				eq(scorecards.organisationId, organisations.id),
				eq(scorecards.fieldId, cooperationFields.id)
			)
		)
		.where(eq(organisations.slug, citySlug));
	if (!row) return null;
	return {
		kind: 'city',
		scorecardId: row.scorecardId,
		version: row.version ?? 0,
		mission: row.mission ?? '',
		organisation: {
			id: row.organisationId,
			slug: row.organisationSlug,
			name: row.organisationName
		},
		field: {
			id: row.fieldId,
			slug: row.fieldSlug,
			nameDe: row.fieldNameDe,
			nameEn: row.fieldNameEn
		}
	};
}

export async function findTemplateEditorTarget(
	db: DbOrTx,
	fieldSlug: string
): Promise<EditorTarget | null> {
	const [row] = await db
		.select({
			fieldId: cooperationFields.id,
			fieldSlug: cooperationFields.slug,
			fieldNameDe: cooperationFields.nameDe,
			fieldNameEn: cooperationFields.nameEn,
			scorecardId: scorecards.id,
			version: scorecards.version,
			mission: scorecards.mission
		})
		.from(cooperationFields)
		.leftJoin(
			scorecards,
			and(eq(scorecards.fieldId, cooperationFields.id), isNull(scorecards.organisationId))
		)
		.where(eq(cooperationFields.slug, fieldSlug));
	if (!row) return null;
	return {
		kind: 'template',
		scorecardId: row.scorecardId,
		version: row.version ?? 0,
		mission: row.mission ?? '',
		organisation: null,
		field: {
			id: row.fieldId,
			slug: row.fieldSlug,
			nameDe: row.fieldNameDe,
			nameEn: row.fieldNameEn
		}
	};
}
