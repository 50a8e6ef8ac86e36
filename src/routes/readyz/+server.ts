import { json } from '@sveltejs/kit';
import { allowAnonymous } from '$lib/server/auth/guards';
import { readiness } from '$lib/server/ops/ready';
import type { RequestHandler } from './$types';

/** Readiness for the load balancer: 200 when the database answers and its schema is current. */
export const GET: RequestHandler = async (event) => {
	allowAnonymous(event);
	const result = await readiness();
	return json(result.ready ? { status: 'ready' } : { status: 'not ready', reason: result.reason }, {
		status: result.ready ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
