import { z } from 'zod';
import { m } from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';
import { apiError, type ApiProblemItem } from './errors';

/**
 * The largest request body the API reads: 10,000 values with comments fit comfortably. The
 * server's BODY_SIZE_LIMIT (adapter-node; 25M with `npm start`, 512K if unset) applies first
 * when it is lower; either way the client gets a 413 in the API's JSON shape.
 */
export const API_BODY_MAX_BYTES = 4 * 1024 * 1024;

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

const tooLarge = (maxBytes: number) =>
	apiError(413, 'payload_too_large', m.api_error_payload_too_large({ max: megabytes(maxBytes) }));

const invalidJson = (reason: string) =>
	apiError(400, 'invalid_json', m.api_error_invalid_json(), {
		errors: [{ pointer: '#', code: 'invalid_json', detail: reason }]
	});

/** `application/json`, with or without charset, or a `+json` type. */
const isJsonType = (type: string | null) =>
	!!type && /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(type.trim());

/**
 * Reads the body as JSON with a size cap, streaming so a huge body is cut off early:
 * 415 for another content type, 413 when too large (ours or the server's limit), 400 for bytes
 * that are not UTF-8 or not JSON. Never throws for anything the client sent.
 */
export async function readJsonBody(
	request: Request,
	maxBytes = API_BODY_MAX_BYTES
): Promise<Parsed<unknown>> {
	if (!isJsonType(request.headers.get('content-type'))) {
		return {
			ok: false,
			response: apiError(415, 'unsupported_media_type', m.api_error_unsupported_media_type())
		};
	}
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > maxBytes) {
		return { ok: false, response: tooLarge(maxBytes) };
	}
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		const reader = request.body.getReader();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				size += value.byteLength;
				if (size > maxBytes) {
					await reader.cancel();
					return { ok: false, response: tooLarge(maxBytes) };
				}
				chunks.push(value);
			}
		} catch (error) {
			// adapter-node ends the stream with a 413 error beyond BODY_SIZE_LIMIT.
			const status = (error as { status?: unknown } | null)?.status;
			if (status === 413) return { ok: false, response: tooLarge(maxBytes) };
			return { ok: false, response: invalidJson(String((error as Error)?.message ?? error)) };
		}
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
	} catch {
		return { ok: false, response: invalidJson('not UTF-8') };
	}
	if (text.trim() === '') return { ok: false, response: invalidJson('empty body') };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, response: invalidJson((error as SyntaxError).message) };
	}
}

/** Zod's messages in the request's language (its own German and English texts). */
const zodLocale = () => (getLocale() === 'de' ? z.locales.de() : z.locales.en()).localeError;

/** RFC 6901 JSON Pointer as a URI fragment: `#/values/3/year` for ['values', 3, 'year']. */
const pointer = (path: PropertyKey[]) =>
	'#' +
	path
		.map((p) => '/' + encodeURIComponent(String(p).replaceAll('~', '~0').replaceAll('/', '~1')))
		.join('');

/** Zod's issues as problem items: where in the body (a pointer) or which query parameter. */
export function issuesToErrors(
	issues: z.core.$ZodIssue[],
	where: 'body' | 'query' = 'body'
): ApiProblemItem[] {
	return issues.map((issue) => ({
		...(where === 'query'
			? {
					parameter:
						issue.code === 'unrecognized_keys' ? issue.keys.join(',') : String(issue.path[0] ?? '')
				}
			: { pointer: pointer(issue.path) }),
		code: issue.code,
		detail: issue.message
	}));
}

/** Validates with the schema; 422 with every problem (path, code, message) when it does not fit. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): Parsed<z.output<S>> {
	const result = schema.safeParse(data, { error: zodLocale() });
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		response: apiError(422, 'invalid_request', m.api_error_invalid_request(), {
			errors: issuesToErrors(result.error.issues.slice(0, 100))
		})
	};
}

/** Query parameters: 400 when they do not fit (the resource exists; the question is wrong). */
export function parseQuery<S extends z.ZodType>(
	schema: S,
	params: URLSearchParams
): Parsed<z.output<S>> {
	const result = schema.safeParse(Object.fromEntries(params), { error: zodLocale() });
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		response: apiError(400, 'invalid_query', m.api_error_invalid_query(), {
			errors: issuesToErrors(result.error.issues, 'query')
		})
	};
}
