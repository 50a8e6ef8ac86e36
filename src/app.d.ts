import type { Session, SessionUser } from '$lib/server/auth/sessions';
import type { RoleAssignment } from '$lib/server/auth/permissions';
import type { ApiTokenAuthResult } from '$lib/server/api-tokens/authenticate';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set when the database could not be reached (hooks/database-unavailable.ts). */
			code?: 'database_unavailable';
		}
		interface Locals {
			/** The logged-in person with their scoped roles, or null. */
			user: (SessionUser & { roles: RoleAssignment[] }) | null;
			session: Session | null;
			/** /api/v1 only: the bearer token's check (hooks/api-token.ts); absent on other paths. */
			apiToken?: ApiTokenAuthResult;
		}
	}
}

export {};
