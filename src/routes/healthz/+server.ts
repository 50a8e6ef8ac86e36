import { json } from '@sveltejs/kit';
import { allowAnonymous } from '$lib/server/auth/guards';
import type { RequestHandler } from './$types';

/** Liveness: the process answers. No database, no session, no data. */
export const GET: RequestHandler = (event) => {
	allowAnonymous(event);
	return json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
};
