import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect-target';

const ORIGIN = 'https://scorecard.example';
const target = (t: string | null | undefined) => safeRedirectTarget(t, ORIGIN);

describe('safeRedirectTarget', () => {
	it('keeps paths of this site, with query and fragment', () => {
		expect(target('/cities/koeln?kpi=X')).toBe('/cities/koeln?kpi=X');
		expect(target('/en/cities/koeln/beihilfe#q3')).toBe('/en/cities/koeln/beihilfe#q3');
		expect(target('/')).toBe('/');
	});

	it('never lets a Location header carry a raw non-ASCII or control character', () => {
		// Umlauts in a city path are fine, but travel percent-encoded.
		expect(target('/städte/köln')).toBe('/st%C3%A4dte/k%C3%B6ln');
	});

	/*
	 * Each of these, followed by a browser, leaves the site (or would crash the response).
	 * Values as `URLSearchParams.get` / the form field deliver them: already decoded once.
	 */
	const hostile: [string, string][] = [
		['other origin', 'https://evil.example/'],
		['absolute URL, even of this origin (only paths are taken)', `${ORIGIN}/account`],
		['other origin, plain http', 'http://evil.example'],
		['same host, other scheme', 'http://scorecard.example/account'],
		['protocol-relative', '//evil.example'],
		['protocol-relative with path', '//evil.example/login'],
		['three slashes', '///evil.example'],
		['backslash after slash', '/\\evil.example'],
		['two backslashes', '\\\\evil.example'],
		['backslash then slash', '\\/evil.example'],
		['tab between the slashes (issue 14.10)', '/\t/evil.example'],
		['newline between the slashes', '/\n/evil.example'],
		['carriage return between the slashes', '/\r/evil.example'],
		['CR/LF header injection', '/\r\nSet-Cookie: x=1'],
		['bare LF header injection', '/account\nLocation: https://evil.example'],
		['NUL', '/\u0000/evil.example'],
		['leading space', ' //evil.example'],
		['leading tab', '\t//evil.example'],
		['DEL character', '/\u007f/evil.example'],
		['C1 control (NEL)', '/\u0085/evil.example'],
		['dot segment to a protocol-relative path', '/.//evil.example'],
		['dot-dot segment to a protocol-relative path', '/..//evil.example'],
		['encoded dot segment', '/%2e//evil.example'],
		['javascript scheme', 'javascript:alert(1)'],
		['javascript scheme, mixed case and tab', 'JaVa\tScRiPt:alert(1)'],
		['data scheme', 'data:text/html,<script>alert(1)</script>'],
		['https scheme without slashes', 'https:evil.example'],
		['https scheme with one slash', 'https:/evil.example'],
		['credentials trick', '//user@evil.example'],
		['own origin as userinfo', 'https://scorecard.example@evil.example/'],
		['still encoded once (double encoding)', '%2F%2Fevil.example'],
		['still encoded, tab', '%2F%09%2Fevil.example'],
		['relative path', 'evil.example'],
		['fullwidth solidi', '\uff0f\uff0fevil.example'],
		['unicode line separator', '/\u2028/evil.example'],
		['empty', ''],
		['only whitespace', '   ']
	];

	it.each(hostile)('refuses %s', (_name, value) => {
		const result = target(value);
		expect(result).toBe('/');
	});

	it('refuses missing values', () => {
		expect(target(null)).toBe('/');
		expect(target(undefined)).toBe('/');
	});

	/*
	 * Encoded slashes inside one path segment are harmless: the browser requests them from this
	 * site and SvelteKit answers them (404). What matters is that no result could leave it.
	 */
	it('keeps encoded slashes and backslashes within this site', () => {
		for (const value of ['/%2F%2Fevil.example', '/%5C%5Cevil.example', '/%252F%252Fevil.example']) {
			const result = target(value);
			expect(new URL(result, ORIGIN).origin, value).toBe(ORIGIN);
			expect(result.startsWith('/') && !result.startsWith('//'), value).toBe(true);
		}
	});

	it('gives only results that a browser resolves to this origin', () => {
		for (const [, value] of hostile) {
			const result = target(value);
			expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
			expect(/^[\x21-\x7e]*$/.test(result), JSON.stringify(result)).toBe(true);
		}
	});
});
