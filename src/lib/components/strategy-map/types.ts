import type { Status } from '$lib/domain/status/status';

/** What the strategy map page needs of a scorecard: no KPI series, just names and statuses. */
export interface StrategyMapObjective {
	id: number;
	title: string;
	status: Status;
}

export interface StrategyMapPerspective {
	id: number;
	name: string;
	objectives: StrategyMapObjective[];
}

export interface StrategyMapLink {
	fromObjectiveId: number;
	toObjectiveId: number;
}
