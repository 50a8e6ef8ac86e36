export type {
	ControllerTasks,
	FieldLeadTasks,
	LeadershipTasks,
	WaitingReview,
	FieldRingState,
	LateCell
} from '$lib/domain/tasks/types';
export type { Quarter } from '$lib/domain/period/quarter';
