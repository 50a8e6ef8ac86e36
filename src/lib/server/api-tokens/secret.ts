import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * The token itself, as sessions and set-password links do it (Lucia guide): random bytes written
 * in base32, only their SHA-256 stored. The prefix makes a leaked token recognisable in logs and
 * to secret scanners.
 */
export const API_TOKEN_PREFIX = 'ikz_';

/** 20 random bytes = 160 bits = 32 base32 characters. */
const RANDOM_BYTES = 20;
const TOKEN_PATTERN = /^ikz_[a-z2-7]{32}$/;

export function generateApiToken(): string {
	const bytes = new Uint8Array(RANDOM_BYTES);
	crypto.getRandomValues(bytes);
	return API_TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

export function hashApiToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** The token from `Authorization: Bearer ikz_…` (the scheme is case-insensitive, RFC 9110). */
export function tokenFromAuthorizationHeader(
	header: string | null | undefined
): { ok: true; token: string } | { ok: false; reason: 'missing' | 'malformed' } {
	const value = header?.trim() ?? '';
	if (value === '') return { ok: false, reason: 'missing' };
	const match = /^bearer +(\S+)$/i.exec(value);
	const token = match?.[1];
	if (!token || !TOKEN_PATTERN.test(token)) return { ok: false, reason: 'malformed' };
	return { ok: true, token };
}
