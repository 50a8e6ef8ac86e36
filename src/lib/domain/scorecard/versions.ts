import { compareQuarters, type Quarter } from '../period/quarter';

/** Anything that carries the quarter its definition takes effect from. */
export interface Versioned {
	validFromYear: number;
	validFromQuarter: number;
}

const fromOf = (v: Versioned): Quarter => ({ year: v.validFromYear, quarter: v.validFromQuarter });

/**
 * The definition version in force in a quarter: the newest one valid from that quarter or before.
 * None before the first version took effect. The order of `versions` does not matter.
 */
export function versionAt<V extends Versioned>(versions: readonly V[], q: Quarter): V | undefined {
	let found: V | undefined;
	for (const v of versions) {
		if (compareQuarters(fromOf(v), q) > 0) continue;
		if (!found || compareQuarters(fromOf(v), fromOf(found)) > 0) found = v;
	}
	return found;
}

/** The first definition version of a KPI (the one valid from the earliest quarter). */
export function firstVersion<V extends Versioned>(versions: readonly V[]): V | undefined {
	let first: V | undefined;
	for (const v of versions) {
		if (!first || compareQuarters(fromOf(v), fromOf(first)) < 0) first = v;
	}
	return first;
}

/**
 * The definition that applies to a value of the quarter: the one in force, or — for a quarter
 * before the first version took effect — the first one, so that entry, import, export and the
 * comparisons read early values with the KPI's original definition instead of dropping them.
 * Undefined only when the KPI has no version at all.
 */
export function versionForQuarter<V extends Versioned>(
	versions: readonly V[],
	q: Quarter
): V | undefined {
	return versionAt(versions, q) ?? firstVersion(versions);
}
