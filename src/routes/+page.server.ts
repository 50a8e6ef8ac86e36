import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { loadTasks } from '$lib/server/tasks/load';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

/** The start page: the signed-in person's tasks, gathered from the scopes of their roles. */
export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	return { tasks: await loadTasks(appDb(), viewer, getLocale()) };
};
