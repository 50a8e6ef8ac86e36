import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';

/**
 * The login in flight between the redirect to the provider and its answer: state, nonce and
 * PKCE verifier, in an HttpOnly cookie that only the callback path receives. It is read once
 * and deleted, so a callback URL cannot be replayed in the same browser with the same checks.
 * SameSite=Lax because the provider's redirect back is a top-level cross-site navigation.
 */
export const PENDING_COOKIE = 'ikz_sso_pending';
const PATH = '/login/sso';
const TEN_MINUTES = 600;

const pendingSchema = z.object({
	state: z.string().min(1),
	nonce: z.string().min(1),
	verifier: z.string().min(1),
	redirectTo: z.string(),
	/** The language the person started in: the callback URL itself carries none. */
	locale: z.enum(['de', 'en'])
});
export type PendingLogin = z.infer<typeof pendingSchema>;

const options = (url: URL) => ({
	httpOnly: true,
	sameSite: 'lax' as const,
	path: PATH,
	secure: url.protocol === 'https:'
});

export function setPendingLogin(cookies: Cookies, url: URL, pending: PendingLogin) {
	const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
	cookies.set(PENDING_COOKIE, value, { ...options(url), maxAge: TEN_MINUTES });
}

/** Reads and deletes the pending login; null when there is none or it is not ours. */
export function takePendingLogin(cookies: Cookies, url: URL): PendingLogin | null {
	const value = cookies.get(PENDING_COOKIE);
	if (value === undefined) return null;
	cookies.delete(PENDING_COOKIE, options(url));
	try {
		const parsed = pendingSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString()));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
