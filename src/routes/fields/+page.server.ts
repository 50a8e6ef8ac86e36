import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { listFields } from '$lib/server/directory/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'ring:read');
	return { fields: await listFields(appDb()) };
};
