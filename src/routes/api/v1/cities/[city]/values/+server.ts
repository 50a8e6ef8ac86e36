import type { RequestEvent } from '@sveltejs/kit';
import { requireApiToken } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import type { ApiGrant } from '$lib/server/api/access';
import { apiError, apiJson } from '$lib/server/api/errors';
import { parseQuery, parseRequest, readJsonBody } from '$lib/server/api/body';
import { deliverValues } from '$lib/server/api/deliver';
import { cityOf, loadValueRows } from '$lib/server/api/read';
import { valuesEtag } from '$lib/server/api/etag';
import { deliveryRequestSchema, valuesQuerySchema } from '$lib/server/api/schemas';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

/** The city's values by natural key (the columns of the file import), optionally narrowed. */
export const GET: RequestHandler = async (event) => {
	const access = requireApiToken(event, 'read');
	if (!access.ok) return access.response;
	const query = parseQuery(valuesQuerySchema, event.url.searchParams);
	if (!query.ok) return query.response;
	// The tag of all the city's values, also for a narrowed list (If-Match on a delivery); read
	// beside the values, so it costs no extra wait.
	const [{ fieldKnown, rows }, etag] = await Promise.all([
		loadValueRows(appDb(), {
			principal: access.principal,
			organisationId: access.organisationId,
			citySlug: access.token.organisationSlug,
			...query.value
		}),
		valuesEtag(appDb(), access.organisationId)
	]);
	if (!fieldKnown) {
		const field = query.value.field ?? '';
		return apiError(400, 'invalid_query', m.api_error_invalid_query(), {
			errors: [
				{ parameter: 'field', code: 'unknown_field', detail: m.api_error_unknown_field({ field }) }
			]
		});
	}
	return apiJson({ city: cityOf(access.token), values: rows }, { headers: { ETag: etag } });
};

/** Upsert by natural key; PUT and POST do the same (POST for clients that cannot send PUT). */
export const PUT: RequestHandler = async (event) => {
	const access = requireApiToken(event, 'write');
	if (!access.ok) return access.response;
	return deliver(event, access);
};

export const POST: RequestHandler = async (event) => {
	const access = requireApiToken(event, 'write');
	if (!access.ok) return access.response;
	return deliver(event, access);
};

async function deliver(event: RequestEvent, access: ApiGrant): Promise<Response> {
	const body = await readJsonBody(event.request);
	if (!body.ok) return body.response;
	const request = parseRequest(deliveryRequestSchema, body.value);
	if (!request.ok) return request.response;
	return deliverValues(appDb(), access, request.value, event.request.headers.get('if-match'));
}
