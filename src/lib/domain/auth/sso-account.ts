/**
 * Which local account an OpenID Connect login belongs to (issue 19, decision 0030). Pure: the
 * caller looks up the candidates, this decides.
 *
 * A person is identified by the provider's issuer and subject, never by e-mail alone: an
 * address can change hands or be edited at the provider, a subject cannot. The e-mail serves
 * once, to link an account the administrator pre-provisioned, and only when the provider vouches
 * for it (`email_verified`).
 */

/** The part of a local account the rule needs. */
export interface SsoCandidate {
	userId: number;
	active: boolean;
	/** The subject already linked to this account (at this issuer), if any. */
	linkedSubject: string | null;
}

export interface SsoIdentity {
	subject: string;
	email: string | null;
	emailVerified: boolean;
}

export type SsoRefusal = 'unknown' | 'disabled' | 'email_unverified' | 'linked_elsewhere';

export type SsoDecision =
	| { kind: 'login'; userId: number }
	| { kind: 'link'; userId: number }
	| { kind: 'create'; email: string }
	| { kind: 'refuse'; reason: SsoRefusal };

export function decideSsoAccount(input: {
	identity: SsoIdentity;
	/** The account already linked to this issuer + subject. */
	bySubject: SsoCandidate | null;
	/** The account whose e-mail equals the identity's (case-insensitive), if any. */
	byEmail: SsoCandidate | null;
	allowUnknown: boolean;
}): SsoDecision {
	const { identity, bySubject, byEmail } = input;
	if (bySubject) {
		return bySubject.active
			? { kind: 'login', userId: bySubject.userId }
			: { kind: 'refuse', reason: 'disabled' };
	}
	if (byEmail) {
		if (!identity.emailVerified) return { kind: 'refuse', reason: 'email_unverified' };
		// Another subject already owns this account: a second provider identity with the same
		// address must not take it over (the address may have been reassigned).
		if (byEmail.linkedSubject !== null) return { kind: 'refuse', reason: 'linked_elsewhere' };
		if (!byEmail.active) return { kind: 'refuse', reason: 'disabled' };
		return { kind: 'link', userId: byEmail.userId };
	}
	if (input.allowUnknown && identity.email && identity.emailVerified) {
		return { kind: 'create', email: identity.email };
	}
	return { kind: 'refuse', reason: 'unknown' };
}

/**
 * `email_verified` as providers send it: a boolean, and from some (AWS Cognito) the string
 * "true". Anything else, including a missing claim, is not verified.
 */
export function isEmailVerified(claim: unknown): boolean {
	return claim === true || claim === 'true';
}
