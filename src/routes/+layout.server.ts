import { allowAnonymous } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { demoInstallationOnce } from '$lib/server/directory/queries';
import { can, canSomewhere, type Principal } from '$lib/server/auth/permissions';
import type { LayoutServerLoad } from './$types';

// The shell also frames the login page, so it admits anonymous visitors; each page guards itself.
export const load: LayoutServerLoad = async (event) => {
	allowAnonymous(event);
	const user = event.locals.user;
	const principal: Principal | null = user ? { userId: user.id, roles: user.roles } : null;
	return {
		demo: await demoInstallationOnce(appDb()),
		// Which menu entries to show; each page still checks the same capability itself.
		user:
			user && principal
				? {
						displayName: user.displayName,
						isAdmin: can(principal, 'user:admin'),
						readsAudit:
							canSomewhere(principal, 'audit:read_all') ||
							canSomewhere(principal, 'audit:read_own_city'),
						coordinates: can(principal, 'completeness:read')
					}
				: null
	};
};
