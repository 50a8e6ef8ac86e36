import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

/** Shared by the login form and its action; messages resolve in the request's language. */
export const loginSchema = z.object({
	email: z.email({ error: () => m.login_email_invalid() }).max(254),
	password: text()
		.min(1, { error: () => m.login_password_required() })
		.max(128),
	redirectTo: text().max(2000).default('')
});
