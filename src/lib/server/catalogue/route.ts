import { error } from '@sveltejs/kit';
import { m } from '../../paraglide/messages';
import { localizeHref } from '../../paraglide/runtime';
import { can } from '../auth/permissions';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/types';
import { findFieldBySlug } from '../directory/field-queries';

type UserViewer = Extract<Viewer, { kind: 'user' }>;

/** The field in the URL, or 404. */
export async function fieldOf(db: Db, slug: string) {
	const field = await findFieldBySlug(db, slug);
	if (!field) error(404, m.not_found_field());
	return field;
}

export const canEditCatalogue = (viewer: UserViewer, fieldId: number) =>
	can(viewer.principal, 'catalogue:write', { fieldId });

/** Links of the catalogue pages, in the active language. */
export const catalogueHref = (field: string, code?: string, query?: string) =>
	localizeHref(
		`/fields/${field}/catalogue${code ? `/${encodeURIComponent(code)}` : ''}${query ? `?${query}` : ''}`
	);
