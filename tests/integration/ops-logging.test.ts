import { Writable } from 'node:stream';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { createAccessLog } from '../../src/lib/server/ops/access-log';
import { withErrorLog } from '../../src/lib/server/ops/error-log';
import { createLogger } from '../../src/lib/server/ops/logger';
import type { RequestSample } from '../../src/lib/server/ops/metrics';

/** A logger writing JSON lines into an array, as the operator's collector would receive them. */
function capture(level = 'info') {
	const lines: Record<string, unknown>[] = [];
	const raw: string[] = [];
	const stream = new Writable({
		write(chunk, _enc, done) {
			for (const line of String(chunk).split('\n').filter(Boolean)) {
				raw.push(line);
				lines.push(JSON.parse(line) as Record<string, unknown>);
			}
			done();
		}
	});
	return { log: createLogger(level, stream), lines, raw };
}

const TOKEN = 'q8ZtV3kM1nR7sPd2Yx4Lw9';

function eventFor(locals: Partial<App.Locals>, headers: Record<string, string> = {}) {
	const url = new URL(`http://ikz.test/set-password/${TOKEN}?code=${TOKEN}`);
	return {
		url,
		route: { id: '/set-password/[token]' },
		request: new Request(url, {
			method: 'POST',
			headers: { cookie: `ikz_session=${TOKEN}`, authorization: `Bearer ${TOKEN}`, ...headers },
			body: `password=${TOKEN}`
		}),
		locals: locals as App.Locals
	} as unknown as RequestEvent;
}

describe('access log', () => {
	it('writes one line per request: id, method, route id, status, duration, user; nothing secret', async () => {
		const { log, lines, raw } = capture();
		const samples: RequestSample[] = [];
		const handle = createAccessLog({
			log: () => log,
			trustedHeader: () => undefined,
			record: (s) => samples.push(s)
		});
		const event = eventFor({ user: { id: 42 } as App.Locals['user'], session: null });
		const response = await handle({
			event,
			resolve: async () => new Response('ok', { status: 303 })
		});
		const id = response.headers.get('x-request-id');
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			level: 'info',
			msg: 'request',
			requestId: id,
			method: 'POST',
			route: '/set-password/[token]',
			status: 303,
			userId: 42
		});
		expect(typeof lines[0]!.durationMs).toBe('number');
		expect(raw.join('\n')).not.toContain(TOKEN);
		expect(samples).toEqual([
			expect.objectContaining({ method: 'POST', route: '/set-password/[token]', status: 303 })
		]);
	});

	it("takes a trusted proxy's id, and logs a crash as status 500", async () => {
		const { log, lines } = capture();
		const handle = createAccessLog({
			log: () => log,
			trustedHeader: () => 'X-Request-Id',
			record: () => {}
		});
		const event = eventFor({ user: null }, { 'x-request-id': 'proxy-id-0001' });
		await expect(
			handle({
				event,
				resolve: async () => {
					throw new Error('boom');
				}
			})
		).rejects.toThrow('boom');
		expect(lines[0]).toMatchObject({ requestId: 'proxy-id-0001', status: 500, userId: null });
		expect(event.locals.requestId).toBe('proxy-id-0001');
	});

	it('logs the probes only at debug level', async () => {
		const { log, lines } = capture('info');
		const handle = createAccessLog({
			log: () => log,
			trustedHeader: () => undefined,
			record: () => {}
		});
		const url = new URL('http://ikz.test/readyz');
		const event = {
			url,
			route: { id: '/readyz' },
			request: new Request(url),
			locals: {}
		} as unknown as RequestEvent;
		await handle({ event, resolve: async () => new Response('{}') });
		expect(lines).toHaveLength(0);
	});
});

describe('error log', () => {
	it('logs an unexpected error with its stack and request id, and shows the id', async () => {
		const { log, lines } = capture();
		const handleError = withErrorLog(
			() => ({ message: 'Internal Error' }),
			() => log
		);
		const event = eventFor({ requestId: 'req-0000-1111' });
		const shown = await handleError({
			error: new Error('kaputt'),
			event,
			status: 500,
			message: 'Internal Error'
		});
		expect(shown).toEqual({ message: 'Internal Error', requestId: 'req-0000-1111' });
		expect(lines[0]).toMatchObject({
			level: 'error',
			requestId: 'req-0000-1111',
			route: '/set-password/[token]',
			err: { message: 'kaputt' }
		});
		expect(String((lines[0]!.err as { stack: string }).stack)).toContain('ops-logging.test.ts');
	});

	it('does not log an expected 404 as an error', async () => {
		const { log, lines } = capture();
		const handleError = withErrorLog(
			() => undefined,
			() => log
		);
		const shown = await handleError({
			error: new Error('Not found: /nix'),
			event: eventFor({ requestId: 'req-404-abcd' }),
			status: 404,
			message: 'Not Found'
		});
		expect(shown).toEqual({ message: 'Not Found', requestId: 'req-404-abcd' });
		expect(lines).toHaveLength(0);
	});
});
