import { deLocalizeUrl } from '$lib/paraglide/runtime';

/** /api/… and its English twin /en/api/… (English messages). */
export const isApiPath = (url: URL): boolean => deLocalizeUrl(url).pathname.startsWith('/api/');
