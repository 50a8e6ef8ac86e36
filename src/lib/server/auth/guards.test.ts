import { describe, expect, it } from 'vitest';
import {
	requirePendingSecondFactor,
	requireSession,
	requireUser,
	requireUserOrEnrolment,
	secondFactorState
} from './guards';
import type { RoleAssignment } from './permissions';

const admin: RoleAssignment = { role: 'admin', organisationId: null, fieldId: null };
const controller: RoleAssignment = { role: 'controller', organisationId: 1, fieldId: null };

function event(
	opts: {
		roles: RoleAssignment[];
		hasTotp: boolean;
		verified: boolean;
		authMethod?: 'password' | 'sso';
	} | null
) {
	const locals = opts
		? ({
				user: {
					id: 7,
					email: 'a@b.de',
					displayName: 'A',
					locale: 'de',
					hasTotp: opts.hasTotp,
					roles: opts.roles
				},
				session: {
					id: 's',
					twoFactorVerified: opts.verified,
					authMethod: opts.authMethod ?? 'password'
				}
			} as unknown as App.Locals)
		: ({ user: null, session: null } as App.Locals);
	return { locals, url: new URL('http://localhost/cities') };
}

/** The redirect target a guard throws, or 'pass'. */
function outcome(guard: (e: ReturnType<typeof event>) => unknown, e: ReturnType<typeof event>) {
	try {
		guard(e);
		return 'pass';
	} catch (thrown) {
		const r = thrown as { status?: number; location?: string };
		return r.location ?? `status ${r.status}`;
	}
}

describe('second factor in the guards', () => {
	const pending = event({ roles: [controller], hasTotp: true, verified: false });
	const verified = event({ roles: [controller], hasTotp: true, verified: true });
	const noTotp = event({ roles: [controller], hasTotp: false, verified: false });
	const adminNoTotp = event({ roles: [admin], hasTotp: false, verified: false });
	const adminVerified = event({ roles: [admin], hasTotp: true, verified: true });

	it('decides the state of a session', () => {
		expect(secondFactorState(pending.locals)).toBe('verify');
		expect(secondFactorState(verified.locals)).toBe('done');
		expect(secondFactorState(noTotp.locals)).toBe('done');
		expect(secondFactorState(adminNoTotp.locals)).toBe('enrol');
		expect(secondFactorState(adminVerified.locals)).toBe('done');
	});

	it('requireUser sends a pending session to the code page and an admin without TOTP to enrolment', () => {
		expect(outcome(requireUser, pending)).toBe('/login/2fa');
		expect(outcome(requireUser, adminNoTotp)).toBe('/account/2fa');
		expect(outcome(requireUser, verified)).toBe('pass');
		expect(outcome(requireUser, noTotp)).toBe('pass');
		expect(outcome(requireUser, adminVerified)).toBe('pass');
		expect(outcome(requireUser, event(null))).toMatch(/^\/login\?redirectTo=/);
	});

	it('leaves the second factor to the provider for a single-sign-on session', () => {
		// An admin without local TOTP, and a person whose local TOTP was never asked for.
		const ssoAdmin = event({ roles: [admin], hasTotp: false, verified: false, authMethod: 'sso' });
		const ssoWithTotp = event({
			roles: [controller],
			hasTotp: true,
			verified: false,
			authMethod: 'sso'
		});
		expect(outcome(requireUser, ssoAdmin)).toBe('pass');
		expect(outcome(requireUser, ssoWithTotp)).toBe('pass');
	});

	it('lets the enrolling admin reach the 2FA set-up page, not a pending session', () => {
		expect(outcome(requireUserOrEnrolment, adminNoTotp)).toBe('pass');
		expect(outcome(requireUserOrEnrolment, noTotp)).toBe('pass');
		expect(outcome(requireUserOrEnrolment, pending)).toBe('/login/2fa');
	});

	it('admits only pending sessions to the code page', () => {
		expect(outcome(requirePendingSecondFactor, pending)).toBe('pass');
		expect(outcome(requirePendingSecondFactor, verified)).toBe('/');
		expect(outcome(requirePendingSecondFactor, adminNoTotp)).toBe('/account/2fa');
		expect(outcome(requirePendingSecondFactor, event(null))).toMatch(/^\/login/);
	});

	it('lets any session log out', () => {
		expect(outcome(requireSession, pending)).toBe('pass');
		expect(outcome(requireSession, event(null))).toMatch(/^\/login/);
	});
});
