import { describe, expect, it } from 'vitest';
import { decideSsoAccount, isEmailVerified } from './sso-account';

const anna = { subject: 'sub-anna', email: 'anna@stadt.example', emailVerified: true };
const provisioned = { userId: 7, active: true, linkedSubject: null };

describe('decideSsoAccount', () => {
	it('links a pre-provisioned account once by a verified e-mail', () => {
		expect(
			decideSsoAccount({
				identity: anna,
				bySubject: null,
				byEmail: provisioned,
				allowUnknown: false
			})
		).toEqual({ kind: 'link', userId: 7 });
	});

	it('logs a linked person in by subject, whatever e-mail the provider now sends', () => {
		const linked = { userId: 7, active: true, linkedSubject: 'sub-anna' };
		const moved = { ...anna, email: 'anna.neu@stadt.example' };
		expect(
			decideSsoAccount({ identity: moved, bySubject: linked, byEmail: null, allowUnknown: false })
		).toEqual({ kind: 'login', userId: 7 });
	});

	it('does not link by an e-mail the provider has not verified', () => {
		expect(
			decideSsoAccount({
				identity: { ...anna, emailVerified: false },
				bySubject: null,
				byEmail: provisioned,
				allowUnknown: true
			})
		).toEqual({ kind: 'refuse', reason: 'email_unverified' });
	});

	it('does not hand an account linked to another subject to a new subject with the same e-mail', () => {
		expect(
			decideSsoAccount({
				identity: { ...anna, subject: 'sub-someone-else' },
				bySubject: null,
				byEmail: { userId: 7, active: true, linkedSubject: 'sub-anna' },
				allowUnknown: true
			})
		).toEqual({ kind: 'refuse', reason: 'linked_elsewhere' });
	});

	it('refuses a disabled account, linked or not', () => {
		const disabled = { userId: 7, active: false, linkedSubject: 'sub-anna' };
		expect(
			decideSsoAccount({ identity: anna, bySubject: disabled, byEmail: null, allowUnknown: true })
		).toEqual({ kind: 'refuse', reason: 'disabled' });
		expect(
			decideSsoAccount({
				identity: anna,
				bySubject: null,
				byEmail: { ...provisioned, active: false },
				allowUnknown: true
			})
		).toEqual({ kind: 'refuse', reason: 'disabled' });
	});

	it('refuses an unknown person unless the installation allows it', () => {
		expect(
			decideSsoAccount({ identity: anna, bySubject: null, byEmail: null, allowUnknown: false })
		).toEqual({ kind: 'refuse', reason: 'unknown' });
		expect(
			decideSsoAccount({ identity: anna, bySubject: null, byEmail: null, allowUnknown: true })
		).toEqual({ kind: 'create', email: 'anna@stadt.example' });
	});

	it('creates no account without a verified e-mail even where unknown people are allowed', () => {
		for (const identity of [
			{ ...anna, emailVerified: false },
			{ ...anna, email: null }
		]) {
			expect(
				decideSsoAccount({ identity, bySubject: null, byEmail: null, allowUnknown: true })
			).toEqual({ kind: 'refuse', reason: 'unknown' });
		}
	});
});

describe('isEmailVerified', () => {
	it('accepts only an explicit true', () => {
		expect([true, 'true', false, 'false', undefined, 1, 'yes'].map(isEmailVerified)).toEqual([
			true,
			true,
			false,
			false,
			false,
			false,
			false
		]);
	});
});
