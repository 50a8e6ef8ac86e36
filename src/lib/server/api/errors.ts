/**
 * Every answer of /api/v1 is JSON, errors included: `{ "error": { code, message, details? } }`.
 * Clients branch on `code` (stable, English); `message` is for people, in the request's
 * language (German, or English under /en/api/v1).
 */
export const apiErrorCodes = [
	'token_missing',
	'token_malformed',
	'token_unknown',
	'token_expired',
	'token_revoked',
	'account_inactive',
	'foreign_city',
	'insufficient_scope',
	'not_permitted',
	'not_found',
	'method_not_allowed',
	'unsupported_media_type',
	'payload_too_large',
	'invalid_json',
	'invalid_query',
	'invalid_request',
	'delivery_rejected',
	'internal_error'
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** One problem with the request: where (a JSON path such as `values.3.year`) and what. */
export interface ApiErrorDetail {
	path: string;
	code: string;
	message: string;
}

export interface ApiErrorBody {
	error: { code: ApiErrorCode; message: string; details?: ApiErrorDetail[] };
}

/** API answers hold a city's unreleased figures: never cached by a browser or a proxy. */
const noStore = { 'Cache-Control': 'no-store' };

export function apiJson(data: unknown, init: { status?: number; headers?: HeadersInit } = {}) {
	const headers = new Headers(init.headers);
	headers.set('Content-Type', 'application/json; charset=utf-8');
	for (const [k, v] of Object.entries(noStore)) headers.set(k, v);
	return new Response(JSON.stringify(data), { status: init.status ?? 200, headers });
}

export function apiError(
	status: number,
	code: ApiErrorCode,
	message: string,
	options: { details?: ApiErrorDetail[]; headers?: HeadersInit; extra?: object } = {}
): Response {
	const body: ApiErrorBody & Record<string, unknown> = {
		error: { code, message, ...(options.details ? { details: options.details } : {}) },
		...options.extra
	};
	return apiJson(body, { status, headers: options.headers });
}

export const isJsonResponse = (response: Response): boolean =>
	/^application\/(.+\+)?json\b/i.test(response.headers.get('content-type') ?? '');
