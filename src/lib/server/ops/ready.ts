import { appDb, type Db } from '../db';
import { checkReadiness, journalTimestamps, type Readiness } from './readiness';

let expected: number[] | undefined;

/** The running app's readiness: its database handle against the journal it was deployed with. */
export function readiness(): Promise<Readiness> {
	expected ??= journalTimestamps();
	let db: Db | undefined;
	try {
		db = appDb();
	} catch {
		db = undefined;
	}
	return checkReadiness(db, expected);
}
