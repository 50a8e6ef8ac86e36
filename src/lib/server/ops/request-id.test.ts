import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
	it('makes a fresh id per request and ignores a client header nobody vouched for', () => {
		const headers = new Headers({ 'x-request-id': 'chosen-by-the-client-123' });
		const a = requestIdFor(headers, undefined);
		const b = requestIdFor(headers, undefined);
		expect(a).toMatch(uuid);
		expect(b).toMatch(uuid);
		expect(a).not.toBe(b);
	});

	it("keeps the trusted proxy's id when it looks like one", () => {
		const id = '7f3c9a0e5b1d4c2a9e8f6b7a1c2d3e4f';
		expect(requestIdFor(new Headers({ 'x-request-id': id }), 'X-Request-Id')).toBe(id);
	});

	it('replaces a trusted header that is too short, too long or could forge a log line', () => {
		for (const bad of ['abc', 'x'.repeat(129), 'abc123456","level":"error', 'ab cd ef gh', '']) {
			expect(requestIdFor(new Headers({ 'x-request-id': bad }), 'X-Request-Id')).toMatch(uuid);
		}
	});
});
