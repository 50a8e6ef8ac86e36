import { quarterIndex, type Quarter } from '../period/quarter';

/** A quarter that has a reporting period in some field. */
export interface ReportingQuarter extends Quarter {
	/** Open in at least one field. */
	open: boolean;
}

/** The quarter shown when none is asked for: the newest open one, else the newest, else the fallback. */
export function defaultQuarter(quarters: readonly ReportingQuarter[], fallback: Quarter): Quarter {
	const chosen = quarters.find((q) => q.open) ?? quarters[0] ?? fallback;
	return { year: chosen.year, quarter: chosen.quarter };
}

/** The chooser's options, newest first; a quarter asked for without any period is added. */
export function quarterOptions(
	quarters: readonly ReportingQuarter[],
	chosen: Quarter
): ReportingQuarter[] {
	const known = quarters.some((q) => q.year === chosen.year && q.quarter === chosen.quarter);
	const all = known ? [...quarters] : [...quarters, { ...chosen, open: false }];
	return all.sort((a, b) => quarterIndex(b) - quarterIndex(a));
}
