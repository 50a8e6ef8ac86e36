/**
 * Limits a form post's size and number of fields while it arrives, before SvelteKit or an
 * action parses it (issue 14): a post above them is answered 413 at once, nothing of it is
 * parsed, and no other request waits for it. The limits per action are in
 * `$lib/server/http/form-limits`.
 *
 * A clone of the body is read with a byte cap (so a chunked body without Content-Length is
 * cut off too) and its fields counted on the way; the action later reads the original, which
 * holds the same bytes.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { fieldCounter, formLimitsFor, type FormLimits } from '$lib/server/http/form-limits';
import { formatNumber } from '$lib/format/number';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { messageResponse } from './message-response';

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Refusal = 'too_large' | 'too_many_fields' | 'unreadable';

/** Reads the body's clone within the limits; why it is refused, or null. */
async function check(request: Request, limits: FormLimits): Promise<Refusal | null> {
	const { maxBytes, maxFields } = limits;
	const declared = Number(request.headers.get('content-length'));
	if (maxBytes !== null && Number.isFinite(declared) && declared > maxBytes) return 'too_large';
	const count = fieldCounter(request.headers.get('content-type'));
	const body = request.clone().body;
	if (!body) return null;
	const reader = body.getReader();
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return null;
			size += value.byteLength;
			const refusal =
				maxBytes !== null && size > maxBytes
					? 'too_large'
					: count && count(value) > maxFields
						? 'too_many_fields'
						: null;
			if (refusal) {
				// Not awaited: a clone's stream settles its cancel only with the original's (tee).
				void reader.cancel().catch(() => {});
				return refusal;
			}
		}
	} catch (e) {
		// adapter-node ends the stream with a 413 error beyond its BODY_SIZE_LIMIT. Where that is
		// the action's limit, the action reads the same error and explains it in its page.
		if ((e as { status?: unknown } | null)?.status !== 413) return 'unreadable';
		return maxBytes === null ? null : 'too_large';
	}
}

/**
 * Reads and drops the rest of a refused body in the background. Cancelling it would make
 * adapter-node destroy the socket, and a client still sending would see a reset connection
 * instead of the answer; adapter-node's BODY_SIZE_LIMIT bounds what is read.
 */
async function discard(body: ReadableStream<Uint8Array> | null) {
	if (!body) return;
	const reader = body.getReader();
	try {
		while (!(await reader.read()).done);
	} catch {
		// The client went away, or the server's own limit ended the stream: nothing to drop.
	}
}

function refuse(event: RequestEvent, refusal: Refusal, limits: FormLimits): Response {
	const status = refusal === 'unreadable' ? 400 : 413;
	const locale = getLocale();
	const message =
		refusal === 'too_many_fields'
			? m.form_too_many_fields({ max: formatNumber(limits.maxFields, locale) })
			: refusal === 'too_large' && limits.maxBytes !== null
				? m.form_too_large({ max: formatNumber(limits.maxBytes / 1024, locale) })
				: m.form_unreadable();
	// `use:enhance` (and the import's upload script) expect SvelteKit's action answer.
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return Response.json(
			{ type: 'error', error: { message } },
			{ status, headers: { 'cache-control': 'no-store' } }
		);
	}
	return messageResponse(event.url, event.request.headers.get('accept'), {
		status,
		message,
		code: refusal
	});
}

export const handleFormLimits: Handle = async ({ event, resolve }) => {
	if (BODYLESS.has(event.request.method)) return resolve(event);
	const limits = formLimitsFor(event.route.id, event.url);
	if (!limits) return resolve(event);
	const refusal = await check(event.request, limits);
	if (!refusal) return resolve(event);
	void discard(event.request.body);
	return refuse(event, refusal, limits);
};
