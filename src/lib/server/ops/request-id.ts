import { randomUUID } from 'node:crypto';

/** What a proxy's id may look like: a UUID, a hex or base64url id, nginx's $request_id. */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request's id: the one a trusted reverse proxy passed in `trustedHeader` (so the proxy's
 * log and ours name the same request) if it looks like an id, else a fresh UUID. Without a
 * configured header a client's `X-Request-Id` is ignored: it could forge or flood the log.
 */
export function requestIdFor(headers: Headers, trustedHeader: string | undefined): string {
	const incoming = trustedHeader ? headers.get(trustedHeader)?.trim() : undefined;
	return incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
}
