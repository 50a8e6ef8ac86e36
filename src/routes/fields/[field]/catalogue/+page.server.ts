import { requirePermission } from '$lib/server/auth/guards';
import { listFieldKpis } from '$lib/server/catalogue/editor';
import { canEditCatalogue, fieldOf } from '$lib/server/catalogue/route';
import { appDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** The field's shared KPI catalogue with versions and archived KPIs; any logged-in person reads it. */
export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const db = appDb();
	const field = await fieldOf(db, event.params.field);
	return {
		field,
		canEdit: canEditCatalogue(viewer, field.id),
		kpis: await listFieldKpis(db, field.id)
	};
};
