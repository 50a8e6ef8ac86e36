import { describe, expect, it } from 'vitest';
import {
	ARGON2_OPTIONS,
	hashPassword,
	passwordProblems,
	verifyPassword,
	verifyPasswordOrDummy
} from './password';

describe('passwordProblems', () => {
	it.each([
		['', ['too_short']],
		['elf zeichen', ['too_short']],
		['zwölf zeiche', []],
		['Ölkännchen🙂!', []],
		['x'.repeat(128), []],
		['x'.repeat(129), ['too_long']],
		['no-composition-rules-here', []]
	])('%j → %j', (password, problems) => {
		expect(passwordProblems(password)).toEqual(problems);
	});

	it('counts characters, not UTF-16 units', () => {
		// 11 emoji are 22 UTF-16 units but still too short.
		expect(passwordProblems('🙂'.repeat(11))).toEqual(['too_short']);
		expect(passwordProblems('🙂'.repeat(65))).toEqual([]);
	});

	it.each([
		'passwort1234',
		'PASSWORT1234',
		'hallo1234567',
		'Hallo1234567',
		'1q2w3e4r5t6z',
		'123456789012',
		'sonnenschein',
		'Willkommen2024',
		'schalke04schalke04',
		'ichliebedich'
	])('rejects the common password %j, ignoring case', (password) => {
		expect(passwordProblems(password)).toContain('too_common');
	});

	it('reports every problem at once', () => {
		expect(passwordProblems('passwort')).toEqual(['too_short']);
	});
});

describe('hashPassword', () => {
	it('uses argon2id with at least 19 MiB, 2 passes and 1 lane', async () => {
		expect(ARGON2_OPTIONS.memoryCost).toBeGreaterThanOrEqual(19_456);
		expect(ARGON2_OPTIONS.timeCost).toBeGreaterThanOrEqual(2);
		expect(ARGON2_OPTIONS.parallelism).toBe(1);
		const hashed = await hashPassword('korrekt pferd batterie');
		expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('salts every hash', async () => {
		const password = 'korrekt pferd batterie';
		expect(await hashPassword(password)).not.toBe(await hashPassword(password));
	});
});

describe('verifyPassword', () => {
	it('accepts the right password and rejects a wrong one', async () => {
		const hashed = await hashPassword('korrekt pferd batterie');
		expect(await verifyPassword(hashed, 'korrekt pferd batterie')).toBe(true);
		expect(await verifyPassword(hashed, 'Korrekt pferd batterie')).toBe(false);
	});

	it('treats a malformed hash as a wrong password', async () => {
		expect(await verifyPassword('not a hash', 'korrekt pferd batterie')).toBe(false);
	});

	it('still does the work of a verification for an unknown account', async () => {
		const hashed = await hashPassword('korrekt pferd batterie');
		expect(await verifyPasswordOrDummy(hashed, 'korrekt pferd batterie')).toBe(true);
		expect(await verifyPasswordOrDummy(null, 'korrekt pferd batterie')).toBe(false);
		expect(
			await verifyPasswordOrDummy(undefined, 'dummy password that never matches anything')
		).toBe(false);
	});
});
