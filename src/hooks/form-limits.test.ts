import { describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { handleFormLimits } from './form-limits';
import { FORM_LIMITS, IMPORT_UPLOAD_LIMITS } from '$lib/server/http/form-limits';

const ENTRY = '/cities/[city]/[field]/entry';
const IMPORT = '/cities/[city]/[field]/import';

function eventFor(
	routeId: string | null,
	path: string,
	init: RequestInit & { headers?: Record<string, string> }
) {
	const url = new URL(`http://127.0.0.1${path}`);
	return {
		url,
		route: { id: routeId },
		request: new Request(url, { method: 'POST', ...init, duplex: 'half' } as RequestInit),
		locals: {}
	} as unknown as RequestEvent;
}

const urlencoded = (fields: number) =>
	Array.from({ length: fields }, (_, i) => `kpi=${i + 1}`).join('&');
const multipart = (fields: number, boundary = 'xB') =>
	Array.from(
		{ length: fields },
		(_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="kpi"\r\n\r\n${i + 1}\r\n`
	).join('') + `--${boundary}--\r\n`;

/**
 * A body that arrives in chunks without Content-Length and counts how many were pulled. With
 * `stall`, it then stops sending without ending, like a client that never finishes.
 */
function chunked(chunk: Uint8Array, count: number, stall = false) {
	const state = { pulled: 0 };
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (state.pulled === count) {
				if (stall) return new Promise<void>(() => {});
				return controller.close();
			}
			state.pulled++;
			controller.enqueue(chunk);
		}
	});
	return { stream, state };
}

/** Runs the hook; the stand-in for SvelteKit reads the form as an action would. */
async function run(event: RequestEvent) {
	let form: FormData | null = null;
	const resolve = vi.fn(async (e: RequestEvent) => {
		form = await e.request.formData();
		return new Response('resolved');
	});
	const response = await handleFormLimits({ event, resolve });
	return { response, resolved: resolve.mock.calls.length > 0, form: form as FormData | null };
}

describe('form limits before parsing', () => {
	const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

	it('lets a form with as many fields as allowed through, and the action reads all of it', async () => {
		const {
			response,
			resolved,
			form: read
		} = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', {
				headers: form,
				body: urlencoded(FORM_LIMITS.maxFields)
			})
		);
		expect(resolved).toBe(true);
		expect(await response.text()).toBe('resolved');
		expect(read!.getAll('kpi')).toHaveLength(FORM_LIMITS.maxFields);
	});

	it('refuses one field more with 413 and a German page, before any parsing', async () => {
		const { response, resolved } = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', {
				headers: form,
				body: urlencoded(FORM_LIMITS.maxFields + 1)
			})
		);
		expect(resolved).toBe(false);
		expect(response.status).toBe(413);
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(await response.text()).toContain(
			'Das Formular hat zu viele Felder: höchstens 2.500 je Absendung'
		);
	});

	it('counts multipart parts too and answers use:enhance with SvelteKit’s action JSON', async () => {
		const { response, resolved } = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', {
				headers: {
					'content-type': 'multipart/form-data; boundary=xB',
					accept: 'application/json',
					'x-sveltekit-action': 'true'
				},
				body: multipart(3_000)
			})
		);
		expect(resolved).toBe(false);
		expect(response.status).toBe(413);
		expect(await response.json()).toEqual({
			type: 'error',
			error: { message: expect.stringContaining('zu viele Felder') }
		});
		const fine = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', {
				headers: { 'content-type': 'multipart/form-data; boundary="xB"' },
				body: multipart(100)
			})
		);
		expect(fine.form!.getAll('kpi')).toHaveLength(100);
	});

	it('refuses a declared Content-Length above the limit before reading the body', async () => {
		const { stream, state } = chunked(new Uint8Array(1024), 1, true);
		const { response, resolved } = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', {
				headers: { ...form, 'content-length': String(FORM_LIMITS.maxBytes! + 1) },
				body: stream
			})
		);
		expect(resolved).toBe(false);
		expect(response.status).toBe(413);
		expect(await response.text()).toContain('Das Formular ist zu groß: höchstens 512 KB');
		expect(state.pulled).toBeLessThanOrEqual(1);
	});

	it('cuts a body without Content-Length off at the limit, without waiting for its end', async () => {
		const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
		// 64 KiB chunks past the limit, then a client that never finishes sending.
		const { stream } = chunked(chunk, 20, true);
		const { response, resolved } = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', { headers: form, body: stream })
		);
		expect(resolved).toBe(false);
		expect(response.status).toBe(413);
	});

	it('reads the rest of a refused body and drops it, so the client is not cut off', async () => {
		const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
		const { stream, state } = chunked(chunk, 40); // 2.5 MiB, five times the limit
		const { response } = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', { headers: form, body: stream })
		);
		expect(response.status).toBe(413);
		await expect.poll(() => state.pulled).toBe(40);
	});

	it('takes a file of several megabytes on the import upload, and nowhere else', async () => {
		const file = new File([new Uint8Array(3 * 1024 * 1024).fill(65)], 'werte.csv');
		const body = new FormData();
		body.append('file', file);
		body.append('numberFormat', 'de');
		const asSent = async () => {
			const r = new Request('http://x/', { method: 'POST', body });
			return {
				headers: { 'content-type': r.headers.get('content-type')! },
				body: await r.arrayBuffer()
			};
		};
		const imported = await run(
			eventFor(IMPORT, '/cities/koeln/archivierung/import?/upload', await asSent())
		);
		expect(imported.resolved).toBe(true);
		expect((imported.form!.get('file') as File).size).toBe(file.size);

		const elsewhere = await run(
			eventFor(IMPORT, '/cities/koeln/archivierung/import?/mapping', await asSent())
		);
		expect(elsewhere.response.status).toBe(413);
	});

	it('leaves a too large upload to the import action, which explains it in its page', async () => {
		// adapter-node's BODY_SIZE_LIMIT ends the stream; the action reads the same error.
		const tooLarge = () =>
			new ReadableStream({
				start(controller) {
					controller.error(Object.assign(new Error('too large'), { status: 413 }));
				}
			});
		const resolve = vi.fn(async (e: RequestEvent) => {
			const status = await e.request.formData().then(
				() => 200,
				(error: { status?: number }) => error.status
			);
			return new Response(null, { status: status === 413 ? 299 : 500 });
		});
		const response = await handleFormLimits({
			event: eventFor(IMPORT, '/cities/koeln/archivierung/import?/upload', {
				headers: { 'content-type': 'multipart/form-data; boundary=xB' },
				body: tooLarge()
			}),
			resolve
		});
		expect(resolve).toHaveBeenCalledOnce();
		expect(response.status).toBe(299);
	});

	it('counts the upload’s fields all the same', async () => {
		const { response, resolved } = await run(
			eventFor(IMPORT, '/cities/koeln/archivierung/import?/upload', {
				headers: { 'content-type': 'multipart/form-data; boundary=xB' },
				body: multipart(IMPORT_UPLOAD_LIMITS.maxFields + 1)
			})
		);
		expect(resolved).toBe(false);
		expect(response.status).toBe(413);
	});

	it('answers 413 when the server’s own body limit ends the stream', async () => {
		const stream = new ReadableStream({
			start(controller) {
				controller.error(Object.assign(new Error('too large'), { status: 413 }));
			}
		});
		const { response } = await run(
			eventFor(ENTRY, '/cities/koeln/archivierung/entry?/save', { headers: form, body: stream })
		);
		expect(response.status).toBe(413);
	});

	it('leaves GET requests and the API (which caps its JSON itself) alone', async () => {
		const resolve = vi.fn(async () => new Response('resolved'));
		const get = {
			...eventFor(ENTRY, '/cities/koeln/archivierung/entry', {}),
			request: new Request('http://127.0.0.1/cities/koeln/archivierung/entry')
		} as unknown as RequestEvent;
		await handleFormLimits({ event: get, resolve });
		const api = eventFor('/api/v1/cities/[city]/values', '/api/v1/cities/koeln/values', {
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ values: Array.from({ length: 100_000 }, () => ({ a: 1 })) })
		});
		await handleFormLimits({ event: api, resolve });
		expect(resolve).toHaveBeenCalledTimes(2);
		expect(api.request.bodyUsed).toBe(false);
	});
});
