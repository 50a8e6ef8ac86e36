/** The fields both drivers (postgres.js, PGlite) put on an error PostgreSQL answered with. */
interface PgError {
	code?: unknown;
	/** postgres.js */
	constraint_name?: unknown;
	/** PGlite */
	constraint?: unknown;
	cause?: unknown;
}

/** The PostgreSQL error behind `e`, which drizzle may wrap in a query error as its cause. */
function pgErrorOf(e: unknown): PgError | null {
	for (let err = e, depth = 0; typeof err === 'object' && err !== null && depth < 3; depth++) {
		const candidate = err as PgError;
		if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
			return candidate;
		}
		err = candidate.cause;
	}
	return null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Whether the database refused a write because a unique key already holds the value (SQLSTATE
 * 23505, by code, not by reading the message), optionally only that of the named constraint.
 */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
	const err = pgErrorOf(e);
	if (err?.code !== UNIQUE_VIOLATION) return false;
	return constraint === undefined || (err.constraint_name ?? err.constraint) === constraint;
}
