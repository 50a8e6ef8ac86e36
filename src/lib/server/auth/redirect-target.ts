/**
 * Where to go after login: only a path of this site. An open redirect would be a phishing aid
 * ("log in at the real site, land on the fake one").
 *
 * The target is resolved with the URL parser against our own origin, as the browser will resolve
 * the Location header, and kept only if it stays on that origin. Prefix checks alone miss what
 * the parser forgives: a tab or newline inside `/\t/evil.example` is dropped (→ `//evil.example`),
 * a backslash counts as a slash, and dot segments can collapse `/.//evil.example` into `//…`.
 * Any whitespace or control character refuses the target outright: no real path contains one raw,
 * and CR/LF in a Location header made the response fail with a 500.
 */
const FALLBACK = '/';
const UNPRINTABLE = /[\s\p{Cc}]/u;

export function safeRedirectTarget(target: string | null | undefined, origin: string): string {
	if (!target || !target.startsWith('/') || UNPRINTABLE.test(target)) return FALLBACK;
	const base = new URL(origin);
	let url: URL;
	try {
		url = new URL(target, base);
	} catch {
		return FALLBACK;
	}
	if (url.origin !== base.origin) return FALLBACK;
	// The normalised form (percent-encoded ASCII), so the Location header says what was checked.
	const path = url.pathname + url.search + url.hash;
	// Dot segments may have collapsed into a protocol-relative `//host` path.
	if (path.startsWith('//') || path.startsWith('/\\')) return FALLBACK;
	return path;
}
