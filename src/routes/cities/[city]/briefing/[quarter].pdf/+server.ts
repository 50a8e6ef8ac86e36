import { requireUser } from '$lib/server/auth/guards';
import { briefingResponse } from '$lib/server/briefing/response';
import type { RequestHandler } from './$types';

/** A city's briefing for the mayors' round as PDF; what the reader may see, nothing more. */
export const GET: RequestHandler = async (event) => {
	const viewer = requireUser(event);
	return briefingResponse(viewer, event.params, 'pdf');
};
