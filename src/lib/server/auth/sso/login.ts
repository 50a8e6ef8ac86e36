import * as oidc from 'openid-client';
import { isEmailVerified, type SsoRefusal } from '../../../domain/auth/sso-account';
import { groupsFromClaim } from '../../../domain/auth/group-roles';
import type { DbOrTx } from '../../db/types';
import { logger } from '../../ops/logger';
import { recordAudit } from '../audit';
import { createSession, type Session } from '../sessions';
import { recordLogin } from '../users';
import { resolveSsoAccount } from './accounts';
import type { PendingLogin } from './pending-cookie';
import { providerConfiguration } from './provider';
import type { SsoSettings } from './settings';

/** Where the provider sends the person back (register exactly this URL at the provider). */
export const callbackUrl = (origin: string) => new URL('/login/sso/callback', origin);

/** The redirect to the provider, with PKCE (S256), state and nonce kept for the callback. */
export async function startSsoLogin(
	settings: SsoSettings,
	input: { origin: string; redirectTo: string; locale: PendingLogin['locale'] }
): Promise<{ authorizationUrl: URL; pending: PendingLogin }> {
	const configuration = await providerConfiguration(settings);
	const pending: PendingLogin = {
		state: oidc.randomState(),
		nonce: oidc.randomNonce(),
		verifier: oidc.randomPKCECodeVerifier(),
		redirectTo: input.redirectTo,
		locale: input.locale
	};
	const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
		redirect_uri: callbackUrl(input.origin).href,
		scope: settings.scopes,
		code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
		code_challenge_method: 'S256',
		state: pending.state,
		nonce: pending.nonce
	});
	return { authorizationUrl, pending };
}

export type SsoLoginResult =
	{ ok: true; token: string; session: Session } | { ok: false; reason: SsoRefusal | 'failed' };

/** A claim that is a non-empty string, or null. */
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The provider's answer: checks state, exchanges the code with the PKCE verifier, validates the
 * ID token (signature, issuer, audience, nonce), then matches the person to an account and opens
 * a session. Protocol failures (wrong state, replayed code, provider error) all read 'failed';
 * the log says which, without tokens.
 */
export async function completeSsoLogin(
	db: DbOrTx,
	settings: SsoSettings,
	input: {
		currentUrl: URL;
		pending: PendingLogin;
		now: Date;
		userAgent: string | null;
		absoluteHours?: number;
	}
): Promise<SsoLoginResult> {
	let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
	let configuration: oidc.Configuration;
	try {
		configuration = await providerConfiguration(settings);
		tokens = await oidc.authorizationCodeGrant(configuration, input.currentUrl, {
			pkceCodeVerifier: input.pending.verifier,
			expectedState: input.pending.state,
			expectedNonce: input.pending.nonce,
			idTokenExpected: true
		});
	} catch (error) {
		const e = error as { name?: string; code?: string; error?: string; message?: string };
		logger().warn(
			{
				event: 'sso.callback_failed',
				name: e.name,
				code: e.code,
				error: e.error,
				reason: e.message
			},
			'single sign-on callback refused'
		);
		await recordAudit(db, {
			userId: null,
			action: 'auth.login_failed',
			entity: 'session',
			after: { method: 'sso', reason: 'protocol', code: e.error ?? e.code ?? null }
		});
		return { ok: false, reason: 'failed' };
	}
	const idClaims = tokens.claims()!;
	let claims: Record<string, unknown> = { ...idClaims };
	// Many providers put e-mail and groups only into the userinfo answer for the code flow.
	const wanted = [
		'email',
		'email_verified',
		...(settings.groupsClaim ? [settings.groupsClaim] : [])
	];
	if (wanted.some((c) => !(c in claims)) && configuration.serverMetadata().userinfo_endpoint) {
		const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
		claims = { ...info, ...idClaims };
	}
	const issuer = idClaims.iss;
	const result = await resolveSsoAccount(db, {
		issuer,
		identity: {
			subject: idClaims.sub,
			email: text(claims.email),
			emailVerified: isEmailVerified(claims.email_verified)
		},
		displayName: text(claims.name),
		allowUnknown: settings.allowUnknown,
		groups: settings.groupsClaim ? groupsFromClaim(claims[settings.groupsClaim]) : null,
		groupRoles: settings.groupRoles
	});
	const acr = text(idClaims.acr);
	const amr = Array.isArray(idClaims.amr) ? idClaims.amr.join(' ') : null;
	if (!result.ok) {
		await recordAudit(db, {
			userId: null,
			action: 'auth.login_failed',
			entity: 'session',
			after: { method: 'sso', reason: result.reason, email: text(claims.email) }
		});
		return result;
	}
	const { token, session } = await createSession(db, result.userId, {
		now: input.now,
		userAgent: input.userAgent,
		absoluteHours: input.absoluteHours,
		// The provider answers for the second factor; its acr/amr say how it did.
		twoFactorVerified: true,
		sso: { acr, amr, idToken: tokens.id_token ?? null }
	});
	await recordLogin(db, result.userId, input.now);
	await recordAudit(db, {
		userId: result.userId,
		action: 'auth.login',
		entity: 'session',
		after: { method: 'sso', acr, amr }
	});
	return { ok: true, token, session };
}

/**
 * The provider's end-session URL for a session opened through it, or null (a password session,
 * or a provider without RP-initiated logout).
 */
export async function endSessionUrl(
	settings: SsoSettings,
	session: Pick<Session, 'authMethod' | 'idToken'>,
	postLogoutRedirect: URL
): Promise<URL | null> {
	if (session.authMethod !== 'sso') return null;
	try {
		const configuration = await providerConfiguration(settings);
		if (!configuration.serverMetadata().end_session_endpoint) return null;
		return oidc.buildEndSessionUrl(configuration, {
			post_logout_redirect_uri: postLogoutRedirect.href,
			...(session.idToken ? { id_token_hint: session.idToken } : {})
		});
	} catch (error) {
		logger().warn({ event: 'sso.end_session_unavailable', reason: (error as Error).message });
		return null;
	}
}
