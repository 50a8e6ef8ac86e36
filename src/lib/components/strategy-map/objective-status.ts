import type { ObjectiveView } from '$lib/domain/scorecard/types';
import type { Status } from '$lib/domain/status/status';

/**
 * The status an objective shows on the strategy map: its weighted roll-up (docs/scoring.md), so
 * map, overview and editor tell the same. Without any score it says "ohne Ziel" when values exist
 * but nothing can be judged, and "keine Daten" otherwise.
 */
export function objectiveStatus(o: ObjectiveView): Status {
	if (o.rollup.score !== null) return o.rollup.status;
	return o.statusCounts.no_target > 0 ? 'no_target' : 'no_data';
}
