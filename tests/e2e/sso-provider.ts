/**
 * A real OpenID provider for the single-sign-on tests: the certified `oidc-provider` package,
 * listening on its own port, with one confidential client (PKCE required), its development
 * login pages, and test people whose e-mail a test may change (as an IdP administrator would).
 */
import Provider from 'oidc-provider';
import type { Server } from 'node:http';

export interface TestPerson {
	email: string;
	emailVerified: boolean;
	name: string;
	groups?: string[];
	/** How the provider says it authenticated the person (ID token `acr` and `amr`). */
	acr?: string;
	amr?: string[];
}

export interface TestProvider {
	issuer: string;
	people: Map<string, TestPerson>;
	close(): Promise<void>;
}

export async function startTestProvider(options: {
	port: number;
	clientId: string;
	clientSecret: string;
	/** The app instances that sign in through it (each its own redirect URI). */
	appOrigins: string[];
	people: Record<string, TestPerson>;
}): Promise<TestProvider> {
	const issuer = `http://127.0.0.1:${options.port}`;
	const people = new Map(Object.entries(options.people));
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: options.clientId,
				client_secret: options.clientSecret,
				redirect_uris: options.appOrigins.map((o) => `${o}/login/sso/callback`),
				post_logout_redirect_uris: options.appOrigins.map((o) => `${o}/login`),
				response_types: ['code'],
				grant_types: ['authorization_code']
			}
		],
		// Every client must use PKCE, not only public ones (the default).
		pkce: { required: () => true },
		// oidc-provider puts `acr`/`amr` into an ID token only when the client asks for them
		// (acr_values, claims parameter); Keycloak or Entra ID send them always, so here the openid
		// scope carries them. This replaces the default claims: the standalone ones stay listed.
		claims: {
			acr: null,
			amr: null,
			auth_time: null,
			sid: null,
			iss: null,
			openid: ['sub', 'acr', 'amr'],
			email: ['email', 'email_verified'],
			profile: ['name'],
			groups: ['groups']
		},
		cookies: { keys: ['sso-test-cookie-key'] },
		features: {
			devInteractions: { enabled: true },
			rpInitiatedLogout: {
				enabled: true,
				// The default page loads a web font from the internet; this machine has none.
				logoutSource: async (ctx, form) => {
					ctx.body = `<!doctype html><html lang="en"><head><title>Sign out</title></head><body>
						<h1>Sign out from the test provider?</h1>${form}
						<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
						</body></html>`;
				}
			}
		},
		findAccount: async (_ctx, id) => {
			const person = people.get(id);
			if (!person) return undefined;
			return {
				accountId: id,
				claims: async () => ({
					sub: id,
					email: person.email,
					email_verified: person.emailVerified,
					name: person.name,
					groups: person.groups ?? []
				})
			};
		}
	});
	// The development login form reports only who signed in. A provider with a second factor also
	// says how (`acr`, `amr`): it puts them into the interaction's login result, which is what
	// oidc-provider copies into the session and from there into the ID token.
	const finish = provider.interactionFinished.bind(provider);
	provider.interactionFinished = (req, res, result, options) => {
		const login = result.login as { accountId: string } | undefined;
		const person = login && people.get(login.accountId);
		const how = person ? { acr: person.acr, amr: person.amr } : {};
		return finish(req, res, login ? { ...result, login: { ...login, ...how } } : result, options);
	};
	// A provider failure shows in the browser only as "oops! something went wrong".
	provider.on('server_error', (_ctx: unknown, error: Error) =>
		console.error('test provider:', error)
	);
	const server: Server = await new Promise((resolve) => {
		const s = provider.listen(options.port, () => resolve(s));
	});
	return {
		issuer,
		people,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
