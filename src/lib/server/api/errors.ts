import { m } from '../../paraglide/messages';

/**
 * Every answer of /api/v1 is JSON; errors are RFC 9457 problem details
 * (`application/problem+json`): `type`, `title`, `status`, `detail`, plus the extension members
 * `code` (stable, English: what clients branch on) and, where the request had several
 * problems, `errors` (one entry each, with a JSON Pointer into the body or the query parameter).
 * `title` and `detail` are for people, in the request's language (German, or English under
 * /en/api/v1). Decision: docs/decisions/0019-api-locking-and-problems.md.
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
	'version_conflict',
	'precondition_failed',
	'payload_too_large',
	'unsupported_media_type',
	'invalid_json',
	'invalid_query',
	'invalid_request',
	'delivery_rejected',
	'internal_error',
	'database_unavailable'
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** The status each problem type is answered with, and its title (the same for every occurrence). */
export const problemTypes: Record<ApiErrorCode, { status: number; title: () => string }> = {
	token_missing: { status: 401, title: m.api_problem_token_missing },
	token_malformed: { status: 401, title: m.api_problem_token_malformed },
	token_unknown: { status: 401, title: m.api_problem_token_unknown },
	token_expired: { status: 401, title: m.api_problem_token_expired },
	token_revoked: { status: 401, title: m.api_problem_token_revoked },
	account_inactive: { status: 401, title: m.api_problem_account_inactive },
	foreign_city: { status: 403, title: m.api_problem_foreign_city },
	insufficient_scope: { status: 403, title: m.api_problem_insufficient_scope },
	not_permitted: { status: 403, title: m.api_problem_not_permitted },
	not_found: { status: 404, title: m.api_problem_not_found },
	method_not_allowed: { status: 405, title: m.api_problem_method_not_allowed },
	version_conflict: { status: 409, title: m.api_problem_version_conflict },
	precondition_failed: { status: 412, title: m.api_problem_precondition_failed },
	payload_too_large: { status: 413, title: m.api_problem_payload_too_large },
	unsupported_media_type: { status: 415, title: m.api_problem_unsupported_media_type },
	invalid_json: { status: 400, title: m.api_problem_invalid_json },
	invalid_query: { status: 400, title: m.api_problem_invalid_query },
	invalid_request: { status: 422, title: m.api_problem_invalid_request },
	delivery_rejected: { status: 422, title: m.api_problem_delivery_rejected },
	internal_error: { status: 500, title: m.api_problem_internal_error },
	database_unavailable: { status: 503, title: m.api_problem_database_unavailable }
};

export const isApiErrorCode = (code: string): code is ApiErrorCode =>
	(apiErrorCodes as readonly string[]).includes(code);

/**
 * The problem type's URI: a path on this server (RFC 9457 §3.1.1 allows a relative reference
 * with the full path), the same on every host and in both languages, so clients can compare it.
 * It resolves to a JSON description of the type (/api/v1/problems/{code}).
 */
export const problemType = (code: ApiErrorCode) => `/api/v1/problems/${code}`;

/** One of several problems with the request: where (body or query parameter) and what. */
export interface ApiProblemItem {
	/** JSON Pointer (RFC 6901) as a URI fragment into the request body, e.g. `#/values/3/year`. */
	pointer?: string;
	/** The query parameter, e.g. `year`. */
	parameter?: string;
	code: string;
	detail: string;
}

export interface ApiProblem {
	type: string;
	title: string;
	status: number;
	detail: string;
	code: ApiErrorCode;
	errors?: ApiProblemItem[];
}

/** API answers hold a city's unreleased figures: never cached by a browser or a proxy. */
const noStore = { 'Cache-Control': 'no-store' };

function respond(data: unknown, type: string, status: number, extra?: HeadersInit) {
	const headers = new Headers(extra);
	headers.set('Content-Type', `${type}; charset=utf-8`);
	for (const [k, v] of Object.entries(noStore)) headers.set(k, v);
	return new Response(JSON.stringify(data), { status, headers });
}

export function apiJson(data: unknown, init: { status?: number; headers?: HeadersInit } = {}) {
	return respond(data, 'application/json', init.status ?? 200, init.headers);
}

/**
 * A problem-details answer. The status is the code's own unless given (a status SvelteKit chose
 * for an error we have no code of, answered as `invalid_request` or `internal_error`).
 */
export function apiError(
	status: number,
	code: ApiErrorCode,
	detail: string,
	options: { errors?: ApiProblemItem[]; headers?: HeadersInit; extra?: object } = {}
): Response {
	const body: ApiProblem & Record<string, unknown> = {
		type: problemType(code),
		title: problemTypes[code].title(),
		status,
		detail,
		code,
		...(options.errors ? { errors: options.errors } : {}),
		...options.extra
	};
	return respond(body, 'application/problem+json', status, options.headers);
}

export const isProblemResponse = (response: Response): boolean =>
	/^application\/problem\+json\b/i.test(response.headers.get('content-type') ?? '');
