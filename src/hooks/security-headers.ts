import type { Handle } from '@sveltejs/kit';
import { ssoSettings } from '$lib/server/auth/sso/settings';
import { withFormActionSource } from './form-action-source';

/** Headers not covered by kit.csp (which sets Content-Security-Policy incl. frame-ancestors). */
export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const sso = ssoSettings();
	const policy = response.headers.get('Content-Security-Policy');
	if (sso && policy) {
		// The logout form redirects on to the provider's end-session endpoint.
		response.headers.set(
			'Content-Security-Policy',
			withFormActionSource(policy, sso.issuer.origin)
		);
	}
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (event.url.protocol === 'https:') {
		response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	return response;
};
