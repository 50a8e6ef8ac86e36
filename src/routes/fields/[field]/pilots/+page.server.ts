import { requireUser } from '$lib/server/auth/guards';
import { fieldOf } from '$lib/server/catalogue/route';
import { appDb } from '$lib/server/db';
import { listFieldPilots } from '$lib/server/pilots/queries';
import { reviewRow } from '$lib/server/pilots/review';
import { canWritePilots } from '$lib/server/pilots/route';
import type { PageServerLoad } from './$types';

/**
 * The working group's review page: every pilot of the field with status, planned NPV, the
 * current gate ratings and planned vs realised benefits. Pilots are coordination data of the
 * field, not a city's figures: everyone logged in reads them.
 */
export const load: PageServerLoad = async (event) => {
	const viewer = requireUser(event);
	const db = appDb();
	const field = await fieldOf(db, event.params.field);
	const pilots = await listFieldPilots(db, field.id);
	return {
		field,
		pilots: pilots.map(reviewRow),
		canWrite: canWritePilots(viewer, field.id)
	};
};
