import { requirePermission } from '$lib/server/auth/guards';
import { briefingResponse } from '$lib/server/briefing/response';
import type { RequestHandler } from './$types';

/** The same briefing as editable slides (native tables and charts). */
export const GET: RequestHandler = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	return briefingResponse(viewer, event.params, 'pptx');
};
