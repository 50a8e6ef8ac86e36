import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth/guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import {
	findFieldBySlug,
	listCatalogue,
	listParticipants
} from '$lib/server/directory/field-queries';
import { listPeriods } from '$lib/server/periods/queries';
import { berlinDate, deadlineStanding } from '$lib/domain/period/deadline';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const db = appDb();
	const field = await findFieldBySlug(db, event.params.field);
	if (!field) error(404, m.not_found_field());
	const [catalogue, participants, periods] = await Promise.all([
		listCatalogue(db, field.id),
		listParticipants(db, field.id),
		listPeriods(db, field.id)
	]);
	const today = berlinDate(new Date());
	const openQuarters = periods
		.filter((p) => p.state === 'open')
		.map((p) => ({
			quarter: { year: p.year, quarter: p.quarter },
			standing: deadlineStanding(p.deadline, today)
		}));
	const isLead = can(viewer.principal, 'catalogue:write', { fieldId: field.id });
	return { field, catalogue, participants, isLead, openQuarters };
};
