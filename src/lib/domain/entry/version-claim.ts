/**
 * The optimistic-version claim of every optimistic write: a KPI value in the entry grid, a
 * delivery through the API or a file, a reopen, a pilot, an exchange note. The writer names the
 * row version it read (`version`), 0 when there was no row yet. A write whose claim no longer holds would overwrite someone
 * else's change unseen, so it is refused and the writer is shown what is stored now.
 */

/** The version a writer claims when it read no stored value. */
export const NO_VALUE_VERSION = 0;
/** The version of a newly inserted value (the column's default); every update adds 1. */
export const FIRST_VERSION = 1;

export function claimHolds(
	claimedVersion: number,
	stored: { version: number } | null | undefined
): boolean {
	return claimedVersion === (stored?.version ?? NO_VALUE_VERSION);
}

/** The version a stored value has after a write: the first on insert, one more on update. */
export function versionAfterWrite(
	stored: { version: number } | null | undefined,
	value: number | null
): number {
	if (value === null) return NO_VALUE_VERSION;
	return stored ? stored.version + 1 : FIRST_VERSION;
}
