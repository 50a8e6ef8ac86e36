import type { DbOrTx } from './types';

/**
 * A statement that drizzle builds once per database handle (`.prepare(name)` with
 * `sql.placeholder`s) instead of on every call: per request drizzle otherwise walks the whole
 * query tree again to write the same SQL text (decision 0045). Whether PostgreSQL keeps the
 * statement prepared is the handle's `DATABASE_PREPARE`, not this.
 */
export function builtOnce<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
	const built = new WeakMap<DbOrTx, T>();
	return (db) => {
		let statement = built.get(db);
		if (!statement) {
			statement = build(db);
			built.set(db, statement);
		}
		return statement;
	};
}
