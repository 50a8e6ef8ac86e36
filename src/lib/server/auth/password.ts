import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Password rules after NIST SP 800-63B: length and a list of common passwords, no composition
 * rules (they push people to predictable patterns such as "Passwort1!").
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** `Algorithm` is an ambient const enum, which isolatedModules cannot read; 2 is Argon2id. */
const ARGON2ID = 2 as Algorithm;

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
	algorithm: ARGON2ID,
	memoryCost: 19_456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
} as const satisfies Options;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

const LIST_FILE = 'common-passwords.txt';
let commonPasswords: Set<string> | undefined;

/**
 * Beside this module when run from source (dev, tests, tsx scripts); in a bundled build this
 * module lives in a chunk, so fall back to the source tree of the project folder the app runs
 * from (as the migrations do).
 */
function listPath(): string {
	const besideModule = fileURLToPath(new URL(`./${LIST_FILE}`, import.meta.url));
	return existsSync(besideModule) ? besideModule : resolve('src/lib/server/auth', LIST_FILE);
}

function loadCommonPasswords(): Set<string> {
	commonPasswords ??= new Set(
		readFileSync(listPath(), 'utf8')
			.split('\n')
			.map((line) => line.trim().toLowerCase())
			.filter((line) => line !== '' && !line.startsWith('#'))
	);
	return commonPasswords;
}

/** Length counts characters (code points), not UTF-16 units, so umlauts and emoji count once. */
export function passwordProblems(password: string): PasswordProblem[] {
	const length = [...password].length;
	const problems: PasswordProblem[] = [];
	if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
	if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
	if (loadCommonPasswords().has(password.toLowerCase())) problems.push('too_common');
	return problems;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash must read as "wrong password", never as an unhandled error.
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the user's hash, or against a dummy hash when the account is unknown or has
 * no password, so the response time does not tell whether an account exists.
 */
export async function verifyPasswordOrDummy(
	passwordHash: string | null | undefined,
	password: string
): Promise<boolean> {
	if (passwordHash) return verifyPassword(passwordHash, password);
	dummyHash ??= hashPassword('dummy password that never matches anything');
	await verifyPassword(await dummyHash, password);
	return false;
}
