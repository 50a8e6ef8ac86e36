import { requireReader } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { isDemoInstallation } from '$lib/server/directory/queries';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	requireReader(event);
	return { demo: await isDemoInstallation(appDb()) };
};
