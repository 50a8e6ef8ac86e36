import type { Quarter } from '../period/quarter';
import type { FieldRef, CityRef, FieldRingState, LateCell, OpenValues } from './duties';
import type { AttentionKpi } from '../briefing/types';
import type { UnexplainedValue } from './unexplained';

export type { FieldRef, CityRef, FieldRingState, LateCell, OpenValues };

/** A value of the own city that still wants its comment (red or implausible). */
export type Unexplained = UnexplainedValue & { city: CityRef };

/** The values of one city and field that the approver sent back, each with the reason. */
export interface ReturnedInField {
	city: CityRef;
	field: FieldRef;
	quarter: Quarter;
	values: { kpiId: number; code: string; reason: string; returnedAt: Date | null }[];
}

export interface ControllerTasks {
	open: OpenValues[];
	/** Values the approver returned for a correction, per city and field. */
	returned: ReturnedInField[];
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
		(t.controller &&
			(t.controller.open.length > 0 ||
				t.controller.returned.length > 0 ||
				t.controller.unexplained.length > 0)) ||
		(t.approver && t.approver.length > 0) ||
		(t.fieldLead && (t.fieldLead.late.length > 0 || t.fieldLead.pilots.length > 0)) ||
		(t.leadership &&
			(t.leadership.released.length > 0 ||
				t.leadership.red.length > 0 ||
				t.leadership.briefings.length > 0)) ||
		(t.ring && t.ring.fields.length > 0)
	);
}
