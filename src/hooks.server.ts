import { sequence } from '@sveltejs/kit/hooks';
import type { ServerInit } from '@sveltejs/kit';
import { closeAppDatabase } from '$lib/server/db';
import { startAppOrExit } from '$lib/server/app/startup';
import { startMail } from '$lib/server/mail/start';
import { handleCsrf } from './hooks/csrf';
import { handleLocale } from './hooks/locale';
import { handleSecurityHeaders } from './hooks/security-headers';
import { handleFormLimits } from './hooks/form-limits';
import { handleCacheControl } from './hooks/cache-control';
import { handleSession } from './hooks/session';
import { handleApiToken } from './hooks/api-token';
import { handleDatabaseUnavailable, survivePoolDisconnects } from './hooks/database-unavailable';

export { handleError } from './hooks/database-unavailable';

export const init: ServerInit = async () => {
	await startAppOrExit();
	survivePoolDisconnects();
	const stopMail = startMail();
	// `node build` waits for open handles; close the pool so SIGTERM ends the process. The mail
	// tick stops first, so it does not use a closed pool.
	process.once('sveltekit:shutdown', () => void stopMail().finally(closeAppDatabase));
};

export const handle = sequence(
	// SvelteKit's cross-site form check, for everything but the API (see the hook).
	handleCsrf,
	handleLocale,
	// Outside the database check, so its own 503 answer gets the headers too.
	handleSecurityHeaders,
	// Reads locals after the inner hooks (session, API token) have run.
	handleCacheControl,
	// Before anything reads the database or parses a body: a hostile post costs nobody else time.
	handleFormLimits,
	handleDatabaseUnavailable,
	handleSession,
	handleApiToken
);
