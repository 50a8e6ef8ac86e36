import { z } from 'zod';

/** NUL means nothing in a name, code or comment, and PostgreSQL text cannot hold it. */
export const withoutNul = (s: string) => (s.includes('\u0000') ? s.replaceAll('\u0000', '') : s);

/**
 * A string field as users type it: NUL characters are dropped before any other check, so a
 * pasted NUL never reaches the database as a 500. Chain `.trim()`, `.min()`, `.max()` as usual;
 * `params` are those of `z.string()` (e.g. the error for a missing or non-string value).
 */
export const text = (params?: Parameters<typeof z.string>[0]) =>
	z.string(params).overwrite(withoutNul);
