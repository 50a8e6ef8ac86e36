import { sequence } from '@sveltejs/kit/hooks';
import type { ServerInit } from '@sveltejs/kit';
import { closeAppDatabase, connectAppDatabase } from '$lib/server/db';
import { startAppOrExit } from '$lib/server/app/startup';
import { startMail } from '$lib/server/mail/start';
import { handleCsrf } from './hooks/csrf';
import { handleLocale } from './hooks/locale';
import { handleSecurityHeaders } from './hooks/security-headers';
import { handleFormLimits } from './hooks/form-limits';
import { handleCacheControl } from './hooks/cache-control';
import { handleSession } from './hooks/session';
import { handleCompression } from './hooks/compression';
import { handleApiToken } from './hooks/api-token';
import {
	handleDatabaseUnavailable,
	handleError as answerError,
	survivePoolDisconnects
} from './hooks/database-unavailable';
import { exceptProbes, handleAccessLog, logServerErrors, startOperations } from '$lib/server/ops';

export const handleError = logServerErrors(answerError);

export const init: ServerInit = async () => {
	await startAppOrExit();
	survivePoolDisconnects();
	const stopOperations = await startOperations((await connectAppDatabase()).kind);
	const stopMail = startMail();
	// `node build` waits for open handles; close the pool so SIGTERM ends the process. The mail
	// tick stops first, so it does not use a closed pool.
	process.once('sveltekit:shutdown', () => {
		stopOperations();
		void stopMail().finally(closeAppDatabase);
	});
};

export const handle = sequence(
	// Request id, access line and metrics around everything, including the other hooks' answers.
	handleAccessLog,
	// Outermost but for the log: every rendered answer leaves compressed, the hooks' own too.
	handleCompression,
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
	// The load balancer's probes carry no session.
	exceptProbes(handleSession),
	handleApiToken
);
