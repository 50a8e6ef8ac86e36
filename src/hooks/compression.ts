import type { Handle } from '@sveltejs/kit';
import { Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Text the server renders per request: pages, their data, the API's JSON, CSV downloads. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;

/**
 * The encoding for a dynamic answer, or null to send it as it is: brotli before gzip when the
 * client accepts both (q=0 refuses), only for compressible text, never twice, never when there
 * is no body to compress (redirects, 304, 204, HEAD).
 */
export function encodingFor(
	acceptEncoding: string | null,
	response: { status: number; headers: Headers },
	method: string
): Encoding | null {
	if (method === 'HEAD' || response.status === 204 || response.status === 304) return null;
	if (response.status >= 300 && response.status < 400) return null;
	if (response.headers.has('content-encoding')) return null;
	const type = response.headers.get('content-type') ?? '';
	// An event stream must reach the client message by message, not when a block is full.
	if (!COMPRESSIBLE.test(type) || type.startsWith('text/event-stream')) return null;
	const length = Number(response.headers.get('content-length') ?? Infinity);
	if (length < 1024) return null;
	const accepted = new Map<string, number>();
	for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
		if (name) accepted.set(name, q === undefined ? 1 : Number(q));
	}
	for (const encoding of ['br', 'gzip'] as const) {
		if ((accepted.get(encoding) ?? 0) > 0) return encoding;
	}
	return null;
}

/**
 * Compresses dynamic HTML and JSON (adapter-node serves the built assets precompressed, but
 * every rendered page and `__data.json` went out as it was: 52 KB for the dashboard). Brotli at
 * quality 4, a level meant for content compressed per request; gzip at its default. Node's
 * zlib, streamed, so a streamed page is not held back. Requests SvelteKit makes to itself
 * during rendering (`event.fetch`) are left alone: it reads their bodies directly.
 */
export const handleCompression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (event.isSubRequest || !response.body) return response;
	const encoding = encodingFor(
		event.request.headers.get('accept-encoding'),
		response,
		event.request.method
	);
	if (!encoding) return response;
	const compressor =
		encoding === 'br'
			? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
			: createGzip();
	const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(
		compressor
	);
	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	headers.append('vary', 'Accept-Encoding');
	return new Response(Readable.toWeb(body) as ReadableStream, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
};
