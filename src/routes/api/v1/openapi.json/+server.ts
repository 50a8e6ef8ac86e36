import { allowAnonymous } from '$lib/server/auth/guards';
import { apiJson } from '$lib/server/api/errors';
import { buildOpenApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document: public, it describes the API and holds no data. */
export const GET: RequestHandler = async (event) => {
	allowAnonymous(event);
	return apiJson(buildOpenApiDocument(event.url.origin));
};
