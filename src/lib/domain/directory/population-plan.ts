import { KREISFREI, type OfficialRow, type RowRefusal } from './official-rows';

/** A municipality as the directory holds it, with its figure for the load's reference date. */
export interface DirectoryEntry {
	ags: string;
	name: string;
	/** Kreis name, or `kreisfrei`. */
	kreis: string;
	regierungsbezirk: string;
	/** Its figure on the reference date being loaded, if it has one. */
	current: number | null;
}

export type DirectoryProblem = 'ags_unknown' | 'name_mismatch' | 'kreis_mismatch';

export interface PlannedChange {
	ags: string;
	name: string;
	before: number | null;
	after: number;
}

export interface PopulationPlan {
	changes: PlannedChange[];
	unchanged: number;
	refusals: (RowRefusal | { line: number; ags: string; problems: DirectoryProblem[] })[];
}

/**
 * What loading the file would change: rows that name a municipality exactly as the directory does
 * (AGS, name, Kreis, Regierungsbezirk) and carry another figure than the one stored for the date.
 * A row that disagrees with the directory is refused: a shifted column must not move a figure
 * to the wrong municipality.
 */
export function planPopulationLoad(
	rows: readonly OfficialRow[],
	rowRefusals: readonly RowRefusal[],
	directory: ReadonlyMap<string, DirectoryEntry>
): PopulationPlan {
	const plan: PopulationPlan = { changes: [], unchanged: 0, refusals: [...rowRefusals] };
	for (const row of rows) {
		const entry = directory.get(row.ags);
		const problems: DirectoryProblem[] = [];
		if (!entry) problems.push('ags_unknown');
		else {
			if (entry.name !== row.name) problems.push('name_mismatch');
			if (entry.kreis !== row.kreis) problems.push('kreis_mismatch');
		}
		if (problems.length || !entry) {
			plan.refusals.push({ line: row.line, ags: row.ags, problems });
			continue;
		}
		if (entry.current === row.inhabitants) plan.unchanged += 1;
		else
			plan.changes.push({
				ags: row.ags,
				name: row.name,
				before: entry.current,
				after: row.inhabitants
			});
	}
	plan.refusals.sort((a, b) => a.line - b.line);
	return plan;
}

export { KREISFREI };
