import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import type { APIRequestContext } from '@playwright/test';

/*
 * Building blocks of the hostile form test: the actions the source defines, the fields a page's
 * forms post, random hostile bodies in every encoding a browser (or an attacker) can send, and
 * a reading of SvelteKit's answer (HTML page, redirect or the JSON of `use:enhance`).
 */

/** Route id → action names, read from `export const actions = {…}` in every +page.server.ts. */
export function actionsInSource(routesDir = join(process.cwd(), 'src', 'routes')) {
	const found: Record<string, string[]> = {};
	const walk = (dir: string, id: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path, `${id}/${name}`);
			else if (name === '+page.server.ts') {
				const source = ts.createSourceFile(
					path,
					readFileSync(path, 'utf8'),
					ts.ScriptTarget.Latest
				);
				const visit = (node: ts.Node) => {
					if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'actions') {
						let init = node.initializer;
						while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init)))
							init = init.expression;
						if (init && ts.isObjectLiteralExpression(init))
							found[id || '/'] = init.properties.map((p) => p.name?.getText(source) ?? '?');
					}
					ts.forEachChild(node, visit);
				};
				visit(source);
			}
		}
	};
	walk(routesDir, '');
	return found;
}

/** The named fields (with their rendered values) of the forms posting to `?/action` on a page. */
export function formFields(html: string, action: string): [string, string][] {
	const fields: [string, string][] = [];
	const forms = html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g);
	for (const [, attrs, body] of forms) {
		const target = /action="([^"]*)"/.exec(attrs!)?.[1] ?? '';
		const named = /\?\/(\w+)/.exec(target.replaceAll('&amp;', '&'))?.[1] ?? 'default';
		if (named !== action) continue;
		for (const [tag] of body!.matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
			const name = /\bname="([^"]+)"/.exec(tag)?.[1];
			if (name) fields.push([decode(name), decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '')]);
		}
	}
	return fields;
}

const decode = (s: string) =>
	s
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&lt;', '<')
		.replaceAll('&amp;', '&');

/** A page's main content as text, with clock times and dates blanked (sessions show them). */
export function mainText(html: string) {
	const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
	return (
		main
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\d{1,2}\.\d{1,2}\.\d{2,4}/g, '<date>')
			.replace(/\d{1,2}:\d{2}(:\d{2})?/g, '<time>')
			// A new 2FA key is drawn on every visit of the set-up page.
			.replace(/otpauth:\/\/\S+|\b[A-Z2-7]{16,}\b/g, '<key>')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

export const MALICIOUS = [
	"'; drop table users; --",
	"' or '1'='1",
	'1; delete from measurements',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'\u0000',
	'a\u0000b',
	'%00',
	'__proto__',
	'constructor',
	'-1',
	'0',
	'-1e308',
	'1e308',
	'NaN',
	'Infinity',
	'99999999999999999999',
	'1,5',
	'2026-3',
	'2026-Q9',
	'true',
	'on',
	'[]',
	'{}',
	'[{"a":1},"\u0000"]',
	'\uFEFF',
	'\u202Eevil',
	'../../etc/passwd',
	'',
	' '
];

/** A hostile value: metacharacters, random text and bytes, huge strings, other cities' ids. */
export const hostileValue = (foreignIds: string[]) =>
	fc.oneof(
		{ weight: 5, arbitrary: fc.constantFrom(...MALICIOUS) },
		{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
		{ weight: 2, arbitrary: fc.constantFrom(...foreignIds) },
		{ weight: 1, arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(String) },
		{ weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_000), 'ä\u0000'.repeat(50_000)) }
	);

export type Encoding = 'urlencoded' | 'multipart' | 'raw' | 'json';
export interface HostileBody {
	pairs: [string, string][];
	encoding: Encoding;
	/** As `use:enhance` posts: the answer is JSON ({type, status, …}). */
	enhanced: boolean;
}

/**
 * A body for one action: mostly the form's own fields (kept, replaced by hostile values or left
 * out), some made-up or repeated fields, in a random encoding.
 */
export function hostileBody(fields: [string, string][], foreignIds: string[]) {
	const value = hostileValue(foreignIds);
	const known = fields.length
		? fc.array(
				fc.tuple(
					fc.constantFrom(...fields),
					fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: value })
				),
				{ maxLength: fields.length + 2 }
			)
		: fc.constant([]);
	const extraName = fc.oneof(
		fc.constantFrom(
			'id',
			'version',
			'city',
			'organisationId',
			'__superform_id',
			'__superform_json'
		),
		fc.string({ maxLength: 12 })
	);
	return fc
		.record({
			keep: fc.boolean(),
			known,
			extra: fc.array(fc.tuple(extraName, value), { maxLength: 3 }),
			encoding: fc.constantFrom<Encoding>('urlencoded', 'urlencoded', 'multipart', 'raw', 'json'),
			// Mostly as `use:enhance` posts: a JSON answer, no page rendered (keeps the run short).
			enhanced: fc.constantFrom(true, true, false)
		})
		.map(({ keep, known, extra, encoding, enhanced }): HostileBody => {
			// Half the bodies start from the form as rendered, so checks past validation run too.
			const pairs: [string, string][] = keep ? fields.map(([n, v]) => [n, v]) : [];
			for (const [[name, original], v] of known) {
				const at = pairs.findIndex(([n]) => n === name);
				const next: [string, string] = [name, v ?? original];
				if (at >= 0 && v !== null) pairs[at] = next;
				else pairs.push(next);
			}
			return { pairs: [...pairs, ...extra], encoding, enhanced };
		});
}

export interface Answer {
	/** HTTP status, or for an enhanced request the status inside the JSON answer. */
	status: number;
	type: 'success' | 'failure' | 'redirect' | 'error';
	location?: string;
	message?: string;
}

/** Posts a hostile body the way a browser would (same Origin), without following redirects. */
export async function post(
	request: APIRequestContext,
	origin: string,
	url: string,
	body: HostileBody
): Promise<Answer> {
	const headers: Record<string, string> = { origin };
	if (body.enhanced) {
		headers.accept = 'application/json';
		headers['x-sveltekit-action'] = 'true';
	}
	const options = { headers, maxRedirects: 0, failOnStatusCode: false, timeout: 30_000 };
	let response;
	if (body.encoding === 'multipart') {
		const form = new FormData();
		for (const [n, v] of body.pairs) {
			// Now and then a field arrives as a file, as an upload would.
			if (v.length % 7 === 3) form.append(n, new Blob([v], { type: 'text/csv' }), 'x.csv');
			else form.append(n, v);
		}
		response = await request.post(url, { ...options, multipart: form });
	} else if (body.encoding === 'json') {
		headers['content-type'] = 'application/json';
		response = await request.post(url, { ...options, data: JSON.stringify(body.pairs) });
	} else {
		const data =
			body.encoding === 'raw'
				? // Malformed percent escapes and bare separators, as no browser sends them.
					body.pairs.map(([n, v]) => `${n}=${v}`).join('&') + '&%ZZ=%&&=x'
				: new URLSearchParams(body.pairs).toString();
		headers['content-type'] = 'application/x-www-form-urlencoded';
		response = await request.post(url, { ...options, data });
	}
	const status = response.status();
	const location = response.headers()['location'];
	const contentType = response.headers()['content-type'] ?? '';
	if (contentType.includes('application/json')) {
		const json = (await response.json().catch(() => ({}))) as {
			type?: Answer['type'];
			status?: number;
			location?: string;
			error?: { message?: string };
			message?: string;
		};
		if (json.type) {
			return {
				type: json.type,
				status: json.type === 'error' ? status : (json.status ?? status),
				location: json.location,
				message: json.error?.message
			};
		}
		return { type: status < 400 ? 'success' : 'error', status, message: json.message };
	}
	const text = await response.text();
	if (status >= 300 && status < 400) return { type: 'redirect', status, location };
	if (status >= 400) {
		const message = /<h1[^>]*>([\s\S]*?)<\/h1>/
			.exec(text)?.[1]
			?.replace(/<[^>]+>/g, '')
			.trim();
		return {
			type: status === 400 || status === 409 || status === 422 ? 'failure' : 'error',
			status,
			message
		};
	}
	return { type: 'success', status };
}

/** Statuses that mean "refused, with a reason"; a redirect must lead to a login step. */
export const REFUSALS = [400, 401, 403, 404, 405, 409, 413, 415, 422, 429];
export const toLogin = (location: string | undefined) =>
	!!location &&
	/\/(login|login\/2fa|account\/2fa)(\?|$)/.test(location.replace(/^https?:\/\/[^/]+/, ''));

export const describeBody = (b: HostileBody) =>
	`${b.encoding}${b.enhanced ? ' (enhanced)' : ''}: ` +
	JSON.stringify(
		b.pairs.map(([n, v]) => [n, v.length > 80 ? `${v.slice(0, 20)}…(${v.length})` : v])
	);
