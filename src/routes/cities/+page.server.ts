import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { listCities } from '$lib/server/directory/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'ring:read');
	return { cities: await listCities(appDb()) };
};
