import { bandsFromStrings, hasTarget, statusOf, type Bands, type Status } from '../status/status';
import type { StoredBands } from '../status/targets';
import type { MeasurementState } from '../scorecard/types';

/**
 * Which controller comments travel with their value beyond the scorecard (issue 16, point 5;
 * decision 0037): to the overview and its movers, the comparison row, the trend table, the
 * briefing and the exports. One rule for every reader, so no reader decides it on its own.
 */

/** A value as a reader has it: its comment, its colour on its city's scorecard, its state. */
export interface NoteCandidate {
	comment: string | null | undefined;
	/** The colour on the city's own scorecard (`scorecardStatus`), not the reader's. */
	status: Status;
	state: MeasurementState | null;
}

/**
 * The comment that travels with a value, or null. Only on a red or amber value (the colour the
 * controller had to explain, docs/scoring.md), and only where the value itself may be seen: a
 * released value's note follows it everywhere; an unreleased value and its note stay with the
 * city's own people (`ownCity`). A comment of only spaces is no comment.
 */
export function travellingNote(value: NoteCandidate, ownCity: boolean): string | null {
	const text = value.comment?.trim() ?? '';
	if (text === '') return null;
	if (value.status !== 'red' && value.status !== 'yellow') return null;
	if (value.state !== 'released' && !ownCity) return null;
	return text;
}

/**
 * A value's colour on its city's scorecard, for readers that judge it otherwise (the comparison
 * against the common target, the trend not at all): the city's target for the year, else the
 * field's common target of the definition in force (the order of `targetBands`, which the
 * scorecard uses).
 */
export function scorecardStatus(
	value: number | null,
	cityTarget: StoredBands | null,
	fieldTarget: Bands | null
): Status {
	const city = cityTarget ? bandsFromStrings(cityTarget) : null;
	return statusOf(value, hasTarget(city) ? city : fieldTarget);
}
