import { and, eq, isNull } from 'drizzle-orm';
import { cooperationFields, organisations, scorecards } from '../../db/schema';
import type { DbOrTx } from '../../db/types';
import {
	fieldColumns,
	fieldOf,
	organisationColumns,
	organisationOf,
	type ScorecardField,
	type ScorecardOrganisation
} from '../header-columns';

const scorecardColumns = {
	scorecardId: scorecards.id,
	version: scorecards.version,
	mission: scorecards.mission
};

/**
 * What an editor works on: a city's scorecard in a field, or the field's template (no
 * organisation). A city may not have its scorecard row yet; adopting the template creates it.
 */
export interface EditorTarget {
	kind: 'city' | 'template';
	scorecardId: number | null;
	version: number;
	mission: string;
	organisation: ScorecardOrganisation | null;
	field: ScorecardField;
}

export async function findCityEditorTarget(
	db: DbOrTx,
	citySlug: string,
	fieldSlug: string
): Promise<EditorTarget | null> {
	const [row] = await db
		.select({ ...organisationColumns, ...fieldColumns, ...scorecardColumns })
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
		organisation: organisationOf(row),
		field: fieldOf(row)
	};
}

export async function findTemplateEditorTarget(
	db: DbOrTx,
	fieldSlug: string
): Promise<EditorTarget | null> {
	const [row] = await db
		.select({ ...fieldColumns, ...scorecardColumns })
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
		field: fieldOf(row)
	};
}
