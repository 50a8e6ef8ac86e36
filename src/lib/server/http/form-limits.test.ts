import { describe, expect, it } from 'vitest';
import {
	FORM_LIMITS,
	IMPORT_UPLOAD_LIMITS,
	actionName,
	countFormFields,
	fieldCounter,
	formLimitsFor
} from './form-limits';

const bytes = (text: string) => new TextEncoder().encode(text);
const url = (search: string) =>
	new URL(`http://127.0.0.1/cities/koeln/archivierung/import${search}`);

describe('countFormFields', () => {
	it('counts URL-encoded pairs (an upper bound: empty pairs count too)', () => {
		const type = 'application/x-www-form-urlencoded;charset=UTF-8';
		expect(countFormFields(type, bytes(''))).toBe(0);
		expect(countFormFields(type, bytes('a=1'))).toBe(1);
		expect(countFormFields(type, bytes('a=1&b=%26&c='))).toBe(3);
		expect(countFormFields(type, bytes('&&&'))).toBe(4);
	});

	it('counts multipart parts by their boundary, quoted or not', () => {
		const body = bytes(
			'--b1\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b1\r\n' +
				'Content-Disposition: form-data; name="y"\r\n\r\n2\r\n--b1--\r\n'
		);
		expect(countFormFields('multipart/form-data; boundary=b1', body)).toBe(2);
		expect(countFormFields('Multipart/Form-Data; boundary="b1"', body)).toBe(2);
		expect(countFormFields('multipart/form-data; boundary=b1', bytes(''))).toBe(0);
	});

	it('does not count what no action reads as fields', () => {
		expect(countFormFields('multipart/form-data', bytes('--x'))).toBeNull();
		expect(countFormFields('text/plain', bytes('a=1\r\nb=2'))).toBeNull();
		expect(countFormFields(null, bytes('a=1&b=2'))).toBeNull();
	});
});

describe('fieldCounter', () => {
	it('counts as the body arrives, also where a boundary is split between chunks', () => {
		const body = bytes(
			Array.from({ length: 50 }, (_, i) => `--bound\r\n\r\nname="f${i}"\r\n\r\n${i}\r\n`).join('') +
				'--bound--\r\n'
		);
		for (const size of [1, 3, 7, 64, body.length]) {
			const count = fieldCounter('multipart/form-data; boundary=bound')!;
			let n = 0;
			for (let at = 0; at < body.length; at += size) n = count(body.subarray(at, at + size));
			expect(n, `chunks of ${size}`).toBe(50);
		}
		const pairs = fieldCounter('application/x-www-form-urlencoded')!;
		expect([pairs(bytes('')), pairs(bytes('a=1&')), pairs(bytes('b=2&c=3'))]).toEqual([0, 2, 3]);
	});
});

describe('formLimitsFor', () => {
	it('reads the action as SvelteKit does', () => {
		expect(actionName(url('?/upload'))).toBe('upload');
		expect(actionName(url('?upload=1&/commit'))).toBe('commit');
		expect(actionName(url(''))).toBe('default');
	});

	it('gives the import upload room for its file and every other action the small limit', () => {
		const route = '/cities/[city]/[field]/import';
		expect(formLimitsFor(route, url('?/upload'))).toBe(IMPORT_UPLOAD_LIMITS);
		expect(formLimitsFor(route, url('?/commit'))).toBe(FORM_LIMITS);
		expect(formLimitsFor('/cities/[city]/[field]/entry', url('?/upload'))).toBe(FORM_LIMITS);
		expect(formLimitsFor(null, url(''))).toBe(FORM_LIMITS);
		expect(formLimitsFor('/api/v1/cities/[city]/values', url(''))).toBeNull();
		expect(FORM_LIMITS.maxBytes).toBe(512 * 1024);
		// The upload's size limit is the server's own, which its action explains.
		expect(IMPORT_UPLOAD_LIMITS.maxBytes).toBeNull();
	});
});
