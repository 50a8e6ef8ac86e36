/**
 * What the scorecard editor pages show. Shared by the server read
 * (`server/scorecards/editor/read.ts`) and the editor components, which must not import server modules.
 */

export interface EditorKpi {
	scorecardKpiId: number;
	objectiveId: number;
	kpiId: number;
	code: string;
	name: string;
	unit: string;
	decimals: number;
	polarity: 'higher_is_better' | 'lower_is_better' | 'target_band';
	local: boolean;
	weight: number;
	archived: boolean;
	catalogueArchived: boolean;
	fieldTarget: {
		greenMin: string | null;
		greenMax: string | null;
		yellowMin: string | null;
		yellowMax: string | null;
	};
	targets: {
		year: number;
		greenMin: string | null;
		greenMax: string | null;
		yellowMin: string | null;
		yellowMax: string | null;
	}[];
}

export interface EditorInitiative {
	id: number;
	objectiveId: number;
	title: string;
	owner: string;
	startsOn: string | null;
	endsOn: string | null;
	status: 'planned' | 'running' | 'completed' | 'stopped';
	notes: string;
}

export interface EditorObjective {
	id: number;
	perspectiveId: number;
	title: string;
	description: string;
	owner: string;
	kpis: EditorKpi[];
	initiatives: EditorInitiative[];
}

export interface EditorPerspective {
	id: number;
	key: string | null;
	nameDe: string;
	nameEn: string;
	name: string;
	objectives: EditorObjective[];
}

export interface EditorData {
	perspectives: EditorPerspective[];
	/** Shared KPIs of the field that can still be put on the scorecard. */
	availableKpis: { id: number; code: string; name: string }[];
	/** What adopting the template would bring (only asked while the scorecard is empty). */
	template: { perspectives: number; objectives: number; kpis: number } | null;
}
