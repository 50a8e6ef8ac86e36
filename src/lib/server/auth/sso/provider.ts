import * as oidc from 'openid-client';
import type { SsoSettings } from './settings';

/**
 * The provider's configuration from its discovery document, fetched once per process. A failed
 * discovery is not cached, so a provider that was down at the first login is retried at the next.
 */
let discovered: { key: string; configuration: Promise<oidc.Configuration> } | undefined;

// Plain HTTP only for a provider on this machine (the browser tests' own provider); a real
// provider is reached over HTTPS, as openid-client insists.
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

function discover(settings: SsoSettings): Promise<oidc.Configuration> {
	const clientAuth = settings.clientSecret
		? oidc.ClientSecretBasic(settings.clientSecret)
		: oidc.None();
	const insecure = settings.issuer.protocol === 'http:' && loopback.has(settings.issuer.hostname);
	return oidc.discovery(
		settings.issuer,
		settings.clientId,
		undefined,
		clientAuth,
		insecure ? { execute: [oidc.allowInsecureRequests] } : undefined
	);
}

export function providerConfiguration(settings: SsoSettings): Promise<oidc.Configuration> {
	const key = `${settings.issuer.href} ${settings.clientId}`;
	if (discovered?.key !== key) {
		const configuration = discover(settings);
		configuration.catch(() => {
			if (discovered?.configuration === configuration) discovered = undefined;
		});
		discovered = { key, configuration };
	}
	return discovered.configuration;
}
