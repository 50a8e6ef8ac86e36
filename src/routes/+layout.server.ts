import { allowAnonymous } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { isDemoInstallation } from '$lib/server/directory/queries';
import { canSeeCompleteness } from '$lib/domain/completeness/access';
import type { LayoutServerLoad } from './$types';

// The shell also frames the login page, so it admits anonymous visitors; each page guards itself.
export const load: LayoutServerLoad = async (event) => {
	allowAnonymous(event);
	const user = event.locals.user;
	return {
		demo: await isDemoInstallation(appDb()),
		user: user
			? {
					displayName: user.displayName,
					isAdmin: user.roles.some((r) => r.role === 'admin'),
					readsAudit: user.roles.some((r) => r.role === 'admin' || r.role === 'city_leadership'),
					coordinates: canSeeCompleteness(user)
				}
			: null
	};
};
