/**
 * How much a form post may send, per action, checked while the body arrives and before anything
 * parses it (issue 14): parsing and reading a form cost time per field, and one post of 20,000
 * fields blocked the server for every user for seconds. Pure, so numbers and counting are
 * unit-tested; `src/hooks/form-limits.ts` applies them.
 */

export interface FormLimits {
	/**
	 * Largest body; null: the server's BODY_SIZE_LIMIT (adapter-node) is the limit and the
	 * action explains a body above it in its own page.
	 */
	maxBytes: number | null;
	maxFields: number;
}

/**
 * Every form action but the import upload: 512 KiB, adapter-node's own default, under which
 * every form but the import was built before the server's limit was raised to 25 MB for it.
 * The largest real form is the entry grid: four fields per KPI, at most 500 KPIs (its own
 * limit), so 2,000 fields; sent by `use:enhance` as multipart, some 130 bytes per field before
 * the values, so 100 KPIs with long comments still fit. Parsing such a body takes milliseconds
 * to tens of them; a megabyte took up to a few hundred on this machine under load.
 */
export const FORM_LIMITS: FormLimits = { maxBytes: 512 * 1024, maxFields: 2_500 };

/**
 * The import upload, the only large body: a file of up to 20 MB and a few fields. Its size
 * limit stays the server's BODY_SIZE_LIMIT (25M with `npm start`, see README), whose refusal
 * the upload action turns into the import page's own message; here only its fields are counted.
 */
export const IMPORT_UPLOAD_LIMITS: FormLimits = { maxBytes: null, maxFields: 10 };

const LARGE_BODIES: { routeId: string; action: string; limits: FormLimits }[] = [
	{ routeId: '/cities/[city]/[field]/import', action: 'upload', limits: IMPORT_UPLOAD_LIMITS }
];

/** The action a form posts to, as SvelteKit reads it: `?/name`, else `default`. */
export function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

/**
 * The limits for a request with a body to this route, or null where another reader caps the
 * body itself (the API streams its JSON with a limit of its own, `src/lib/server/api/body.ts`).
 */
export function formLimitsFor(routeId: string | null, url: URL): FormLimits | null {
	if (routeId?.startsWith('/api/')) return null;
	const action = actionName(url);
	return (
		LARGE_BODIES.find((l) => l.routeId === routeId && l.action === action)?.limits ?? FORM_LIMITS
	);
}

/** Counts the occurrences of a byte sequence in a stream of chunks, also across chunk edges. */
function occurrenceCounter(needle: Uint8Array) {
	let carry = Buffer.alloc(0);
	let count = 0;
	return (chunk: Uint8Array) => {
		// Shorter than the needle, so a match found here always ends in the new chunk.
		const buffer = carry.length
			? Buffer.concat([carry, chunk])
			: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + 1)) count++;
		carry = Buffer.from(buffer.subarray(Math.max(0, buffer.length - (needle.length - 1))));
		return count;
	};
}

/**
 * A running count of the fields in a form body, fed chunk by chunk as it arrives, on the raw
 * bytes without decoding them: `&`-separated pairs (URL-encoded; an upper bound) or boundary
 * lines (multipart; the last one closes). Null for other content types, which no form action
 * reads as fields.
 */
export function fieldCounter(contentType: string | null): ((chunk: Uint8Array) => number) | null {
	const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	if (type === 'application/x-www-form-urlencoded') {
		const ampersands = occurrenceCounter(new Uint8Array([0x26]));
		let seen = false;
		return (chunk) => {
			seen ||= chunk.byteLength > 0;
			return seen ? ampersands(chunk) + 1 : 0;
		};
	}
	if (type === 'multipart/form-data') {
		const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
		const boundary = match?.[1] ?? match?.[2];
		if (!boundary) return null;
		const lines = occurrenceCounter(Buffer.from(`--${boundary}`));
		return (chunk) => Math.max(0, lines(chunk) - 1);
	}
	return null;
}

/** The fields of a whole body (see fieldCounter). */
export function countFormFields(contentType: string | null, body: Uint8Array): number | null {
	const count = fieldCounter(contentType);
	return count ? count(body) : null;
}
