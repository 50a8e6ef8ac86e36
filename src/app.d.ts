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
			/** The request's id (hooks/access log), shown on the error page for the helpdesk. */
			requestId?: string;
		}
		interface Locals {
			/** The logged-in person with their scoped roles, or null. */
			user: (SessionUser & { roles: RoleAssignment[] }) | null;
			session: Session | null;
			/** /api/v1 only: the bearer token's check (hooks/api-token.ts); absent on other paths. */
			apiToken?: ApiTokenAuthResult;
			/** Set by the access log, the first hook (src/lib/server/ops/access-log.ts). */
			requestId?: string;
		}
	}
}

export {};
