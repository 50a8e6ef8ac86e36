import { requirePermission } from '$lib/server/auth/guards';
import { briefingResponse } from '$lib/server/briefing/response';
import type { RequestHandler } from './$types';

/** A city's briefing for the mayors' round as PDF; what the reader may see, nothing more. */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	return briefingResponse(viewer, event.params, 'pdf');
};
