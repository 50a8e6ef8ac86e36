import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { listCities, listFields } from '$lib/server/directory/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'ring:read');
	const db = appDb();
	const [cities, fields] = await Promise.all([listCities(db), listFields(db)]);
	return { cities, fields };
};
