import { EnvError } from '../env';
import { DataDirLockedError } from '../db/data-dir-lock';

/** Turns the usual start failures into one line an operator can act on. */
export function describeStartupError(error: unknown): string {
	if (error instanceof EnvError || error instanceof DataDirLockedError) return error.message;
	const err = error as NodeJS.ErrnoException & { address?: string; port?: number };
	switch (err?.code) {
		case 'ECONNREFUSED':
			return `the database server refused the connection (${err.address ?? ''}:${err.port ?? ''}). Is PostgreSQL running, and is DATABASE_URL right?`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `the database host in DATABASE_URL cannot be resolved (${err.message}).`;
		case 'CONNECT_TIMEOUT':
			return 'the database server did not answer within 10 seconds. Check DATABASE_URL and the network.';
		case '28P01':
		case '28000':
			return `the database rejected the credentials in DATABASE_URL (${err.message}).`;
		case '3D000':
			return `the database named in DATABASE_URL does not exist (${err.message}).`;
		default:
			return err instanceof Error ? err.message : String(error);
	}
}
