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
	appOrigin: string;
	people: Record<string, TestPerson>;
}): Promise<TestProvider> {
	const issuer = `http://127.0.0.1:${options.port}`;
	const people = new Map(Object.entries(options.people));
	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: options.clientId,
				client_secret: options.clientSecret,
				redirect_uris: [`${options.appOrigin}/login/sso/callback`],
				post_logout_redirect_uris: [`${options.appOrigin}/login`],
				response_types: ['code'],
				grant_types: ['authorization_code']
			}
		],
		// Every client must use PKCE, not only public ones (the default).
		pkce: { required: () => true },
		claims: {
			openid: ['sub'],
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
