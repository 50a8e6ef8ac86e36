import { cooperationFields, organisations } from '../db/schema';

/*
 * Which city and field a scorecard belongs to, read the same way by the scorecard page, the
 * import/export and the editor: the columns to select and the shapes they are returned in.
 */

export const organisationColumns = {
	organisationId: organisations.id,
	organisationSlug: organisations.slug,
	organisationName: organisations.name
};

export const fieldColumns = {
	fieldId: cooperationFields.id,
	fieldSlug: cooperationFields.slug,
	fieldNameDe: cooperationFields.nameDe,
	fieldNameEn: cooperationFields.nameEn
};

export interface ScorecardOrganisation {
	id: number;
	slug: string;
	name: string;
}

export interface ScorecardField {
	id: number;
	slug: string;
	nameDe: string;
	nameEn: string;
}

type OrganisationRow = {
	organisationId: number;
	organisationSlug: string;
	organisationName: string;
};
type FieldRow = { fieldId: number; fieldSlug: string; fieldNameDe: string; fieldNameEn: string };

export const organisationOf = (row: OrganisationRow): ScorecardOrganisation => ({
	id: row.organisationId,
	slug: row.organisationSlug,
	name: row.organisationName
});

export const fieldOf = (row: FieldRow): ScorecardField => ({
	id: row.fieldId,
	slug: row.fieldSlug,
	nameDe: row.fieldNameDe,
	nameEn: row.fieldNameEn
});
