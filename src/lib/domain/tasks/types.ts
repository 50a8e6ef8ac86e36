import type { Quarter } from '../period/quarter';
import type { FieldRef, CityRef, FieldRingState, LateCell, OpenValues } from './duties';
import type { AttentionKpi } from '../briefing/types';

export type { FieldRef, CityRef, FieldRingState, LateCell, OpenValues };

/** A red value the city still has to explain (no comment on it yet). */
export type Unexplained = Omit<AttentionKpi, 'notes'> & { city: CityRef; fieldSlug: string };

export interface ControllerTasks {
	open: OpenValues[];
	/**
	 * Values the approver sent back with a reason. SLOT: the 'returned' state is built in
	 * parallel (issue 16, point 3); until it is merged this stays null and the page says nothing.
	 */
	returned: null;
	unexplained: Unexplained[];
}

export interface WaitingReview {
	city: CityRef;
	field: FieldRef;
	count: number;
	oldestSubmittedAt: Date | null;
}

export interface PilotAwaitingGate {
	id: number;
	title: string;
	field: FieldRef;
	decided: number;
}

export interface FieldLeadTasks {
	late: LateCell[];
	pilots: PilotAwaitingGate[];
}

export interface ReleasedCount {
	city: CityRef;
	field: FieldRef;
	count: number;
}

export interface LeadershipTasks {
	/** null: the first visit (everything released counts as new). */
	since: Date | null;
	released: ReleasedCount[];
	red: (Omit<AttentionKpi, 'notes'> & { city: CityRef })[];
	briefings: { city: CityRef; quarter: Quarter }[];
}

/** Each part only for a person whose roles call for it; all absent or empty: nothing to do. */
export interface Tasks {
	quarter: Quarter;
	controller: ControllerTasks | null;
	approver: WaitingReview[] | null;
	fieldLead: FieldLeadTasks | null;
	leadership: LeadershipTasks | null;
	ring: { fields: FieldRingState[]; late: LateCell[] } | null;
}

/** Whether there is anything to do or read at all (else the page says so). */
export function hasTasks(t: Tasks): boolean {
	return Boolean(
		(t.controller && (t.controller.open.length > 0 || t.controller.unexplained.length > 0)) ||
		(t.approver && t.approver.length > 0) ||
		(t.fieldLead && (t.fieldLead.late.length > 0 || t.fieldLead.pilots.length > 0)) ||
		(t.leadership &&
			(t.leadership.released.length > 0 ||
				t.leadership.red.length > 0 ||
				t.leadership.briefings.length > 0)) ||
		(t.ring && t.ring.fields.length > 0)
	);
}
