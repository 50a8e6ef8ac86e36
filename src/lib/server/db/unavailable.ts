/**
 * Whether an error means the database cannot be reached right now (server down, restarting,
 * connection cut), as opposed to a bug or a refused statement. Such requests answer 503 with
 * a "try again in a few seconds" page instead of a generic 500; the pool reconnects by itself.
 */

/** Node socket errors and postgres.js's own connection error codes. */
const connectionCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED'
]);

/** SQLSTATEs: class 08 connection exception, shutdown/startup (57P01–57P03), too many connections. */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

function codeOf(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
	return typeof error.code === 'string' ? error.code : undefined;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (depth > 5 || typeof error !== 'object' || error === null) return false;
	const code = codeOf(error);
	if (
		code &&
		(connectionCodes.has(code) || unavailableStates.has(code) || /^08[0-9A-Z]{3}$/.test(code))
	)
		return true;
	// Drizzle wraps the driver's error as `cause`; a refused dual-stack connect is an AggregateError.
	if ('cause' in error && isDatabaseUnavailable(error.cause, depth + 1)) return true;
	if (error instanceof AggregateError)
		return error.errors.some((e) => isDatabaseUnavailable(e, depth + 1));
	return false;
}

/** The driver's own words (code and message), never the failed SQL or its parameters. */
export function unavailableReason(error: unknown): string {
	let e: unknown = error;
	for (let depth = 0; depth < 5 && e instanceof Error && e.cause !== undefined; depth++)
		e = e.cause;
	if (e instanceof AggregateError && e.errors.length) e = e.errors[0];
	const code = codeOf(e);
	const message = e instanceof Error ? e.message : String(e);
	return code && !message.includes(code) ? `${code} ${message}` : message;
}

/**
 * postgres.js 3.4.9 (porsager/postgres#1154, #1208, fix not released): a small write buffered
 * behind setImmediate runs after the server closed the socket and throws from the timer, out of
 * reach of any await; it would end the process and leaves that connection unable to write.
 */
export function isDriverWriteAfterClose(error: unknown): boolean {
	return (
		error instanceof TypeError &&
		error.message.includes("reading 'write'") &&
		/nextWrite[^\n]*postgres[\\/]src[\\/]connection\.js/.test(error.stack ?? '')
	);
}
