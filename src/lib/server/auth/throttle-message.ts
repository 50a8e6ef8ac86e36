import { m } from '$lib/paraglide/messages';

/**
 * "Try again in N s" for the login and code pages. Waits up to two minutes are named in seconds
 * (the first delays are 1, 2, 4 … s, and "1 minute" would make a person wait far too long);
 * longer ones in whole minutes, rounded up so the person never comes back too early.
 */
export function throttledMessage(retryAfterSeconds: number): string {
	const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
	if (seconds <= 120) return m.login_throttled_seconds({ seconds: String(seconds) });
	return m.login_throttled({ minutes: String(Math.ceil(seconds / 60)) });
}
