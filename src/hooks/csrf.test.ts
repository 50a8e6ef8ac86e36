import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handleCsrf } from './csrf';

const ORIGIN = 'https://ikz.example.org';

async function answer(path: string, init: { method: string; type?: string; origin?: string }) {
	const headers = new Headers();
	if (init.type) headers.set('content-type', init.type);
	if (init.origin) headers.set('origin', init.origin);
	const url = new URL(path, ORIGIN);
	const request = new Request(url, {
		method: init.method,
		headers,
		body: init.method === 'GET' ? undefined : 'a=1'
	});
	const event = { request, url } as unknown as RequestEvent;
	const response = await handleCsrf({ event, resolve: async () => new Response('resolved') });
	return { status: response.status, text: await response.text() };
}

describe('handleCsrf', () => {
	it('refuses a form post to a page from another origin or none, as SvelteKit did', async () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain'
		]) {
			for (const origin of ['https://elsewhere.example', undefined]) {
				expect(await answer('/login', { method: 'POST', type, origin })).toEqual({
					status: 403,
					text: 'Cross-site POST form submissions are forbidden'
				});
			}
		}
		expect(
			(
				await answer('/cities/koeln/archivierung/entry?/save', {
					method: 'DELETE',
					type: 'text/plain',
					origin: 'https://x.example'
				})
			).status
		).toBe(403);
	});

	it('lets same-origin forms, JSON, safe methods and the API through', async () => {
		const through = { status: 200, text: 'resolved' };
		const form = 'application/x-www-form-urlencoded';
		expect(await answer('/login', { method: 'POST', type: form, origin: ORIGIN })).toEqual(through);
		expect(await answer('/login', { method: 'POST', type: 'application/json' })).toEqual(through);
		expect(await answer('/login', { method: 'GET' })).toEqual(through);
		for (const path of ['/api/v1/cities/koeln/values', '/en/api/v1/cities/koeln/values']) {
			expect(
				await answer(path, { method: 'PUT', type: 'text/plain', origin: 'https://x.example' })
			).toEqual(through);
		}
	});
});
