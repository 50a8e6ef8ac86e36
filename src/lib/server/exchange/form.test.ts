import { describe, expect, it } from 'vitest';
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { factorAddSchema, noteAddSchema } from '$lib/schemas/exchange';
import { finishExchangeWrite, readExchangeForm } from './form';

const post = (fields: Record<string, string | Blob>) => {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.append(k, v);
	const url = new URL('http://localhost/x?/noteAdd');
	return { request: new Request(url, { method: 'POST', body }), url, route: { id: '/x' } };
};

const failureOf = (result: Awaited<ReturnType<typeof readExchangeForm>>) => {
	if (result.ok) throw new Error('expected a refusal');
	expect(isActionFailure(result.failure)).toBe(true);
	return {
		status: result.failure.status,
		message: result.failure.data.notice.text,
		...result.failure.data.exchange
	};
};

describe('exchange forms', () => {
	it('refuses a text of NUL characters only as empty, naming the field', async () => {
		const f = failureOf(
			await readExchangeForm(
				post({ kind: 'comment', body: '\u0000\u0000' }),
				noteAddSchema,
				'note-add'
			)
		);
		expect(f).toMatchObject({
			status: 400,
			formId: 'note-add',
			message: 'Bitte die markierten Eingaben prüfen.',
			errors: { body: 'Bitte einen Text mit 1 bis 4000 Zeichen eingeben.' }
		});
		// What was typed comes back without the NUL, so returning it cannot fail either.
		expect(f.values.body).toBe('');
	});

	it('refuses an oversized text and a file posted instead of text', async () => {
		const huge = failureOf(
			await readExchangeForm(
				post({ kind: 'lesson', body: 'x'.repeat(100_000) }),
				noteAddSchema,
				'note-add'
			)
		);
		expect(huge.errors).toEqual({ body: 'Bitte einen Text mit 1 bis 4000 Zeichen eingeben.' });
		expect(huge.values.body!.length).toBeLessThanOrEqual(5000);
		const file = failureOf(
			await readExchangeForm(
				post({ kind: 'comment', body: new Blob(['x']) }),
				noteAddSchema,
				'note-add'
			)
		);
		expect(Object.keys(file.errors)).toEqual(['body']);
	});

	it('answers a tampered hidden field as a value that does not exist', async () => {
		const f = failureOf(
			await readExchangeForm(
				post({ kpiId: '1', year: '2025', quarter: '9', factorKind: 'one_off', explanation: 'x' }),
				factorAddSchema,
				'factor-add'
			)
		);
		expect(f.message).toBe('Diesen Wert gibt es nicht.');
	});

	it('keeps a stale edit’s text and says why; a success goes back to the page with a notice', () => {
		const stale = finishExchangeWrite(
			{ ok: false, refusal: { code: 'stale' } },
			new URL('http://localhost/cities/koeln/x?kpi=A&/noteEdit'),
			'note-edit-3',
			'saved',
			{ body: 'mein Text' }
		);
		expect(stale?.status).toBe(409);
		expect(stale?.data.exchange.values.body).toBe('mein Text');
		expect(stale?.data.notice).toEqual({
			kind: 'error',
			text: expect.stringContaining('inzwischen geändert')
		});
		try {
			finishExchangeWrite(
				{ ok: true },
				new URL('http://localhost/cities/koeln/x?kpi=A&quarter=2026-Q2&/noteEdit'),
				'note-edit-3',
				'saved'
			);
			expect.unreachable();
		} catch (e) {
			expect(isRedirect(e)).toBe(true);
			expect((e as { location: string }).location).toBe(
				'/cities/koeln/x?kpi=A&quarter=2026-Q2&exchange=saved#exchange-title'
			);
		}
	});
});
