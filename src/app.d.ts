import type { Session, SessionUser } from '$lib/server/auth/sessions';
import type { RoleAssignment } from '$lib/server/auth/permissions';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The logged-in person with their scoped roles, or null. */
			user: (SessionUser & { roles: RoleAssignment[] }) | null;
			session: Session | null;
		}
	}
}

export {};
