import { allowAnonymous } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

// The accessibility statement must be readable by anyone, before and without an account (BITV 2.0).
export const load: PageServerLoad = async (event) => {
	allowAnonymous(event);
	return {};
};
