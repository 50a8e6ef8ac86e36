import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readForm, readFormData } from './read-form';

const event = (
	fields: [string, string][],
	routeId = '/fields/[field]/periods',
	action = 'open'
) => {
	const body = new URLSearchParams(fields);
	const url = new URL(`http://localhost/some/page?/${action}`);
	return { request: new Request(url, { method: 'POST', body }), url, route: { id: routeId } };
};

const schema = z.object({ name: z.string().min(1), count: z.int32().min(0) });

describe('readForm', () => {
	it('validates a post with the zod schema, through superforms', async () => {
		const ok = await readForm(
			event([
				['name', 'Nord'],
				['count', '3']
			]),
			schema
		);
		expect(ok.valid).toBe(true);
		expect(ok.data).toEqual({ name: 'Nord', count: 3 });
		const bad = await readForm(
			event([
				['name', ''],
				['count', '-1']
			]),
			schema,
			{ id: 'open' }
		);
		expect(bad.valid).toBe(false);
		expect(bad.id).toBe('open');
		expect(Object.keys(bad.errors).sort()).toEqual(['count', 'name']);
	});

	it('refuses more fields than the form limits allow, before validating', async () => {
		const many = Array.from({ length: 2_501 }, (_, i): [string, string] => [`f${i}`, 'x']);
		const read = await readFormData(event(many));
		expect(read).toMatchObject({ ok: false, status: 413, reason: 'too_many_fields' });
		await expect(readForm(event(many), schema)).rejects.toMatchObject({ status: 413 });
		// The import upload has its own, smaller field limit (decision 21).
		const upload = event(many.slice(0, 11), '/cities/[city]/[field]/import', 'upload');
		expect(await readFormData(upload)).toMatchObject({ ok: false, reason: 'too_many_fields' });
	});
});
