/**
 * Which file column holds what. Headers are recognised in German and English (and in the
 * spellings controllers use), ignoring case, spaces and punctuation. Columns the export writes
 * for people to read (KPI name, unit, state) are recognised and ignored. Any other column is
 * refused until the user maps it — to a field or to "ignore" — so nothing in a file is
 * silently dropped. The user's choices are remembered per city and win over the built-in names.
 */

export const columnKeys = ['city', 'field', 'kpi', 'year', 'quarter', 'value', 'comment'] as const;
export type ColumnKey = (typeof columnKeys)[number];
/** What a header can be mapped to. */
export type ColumnTarget = ColumnKey | 'ignore';
export const columnTargets: readonly ColumnTarget[] = [...columnKeys, 'ignore'];

/** Columns every file needs; city and field default to the scorecard's. */
export const requiredColumns: readonly ColumnKey[] = ['kpi', 'year', 'quarter', 'value'];

/** A header reduced to letters and digits, lower case, umlauts spelled out. */
export function normaliseHeader(header: string): string {
	return header
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/[^a-z0-9]/g, '');
}

const synonyms: Record<ColumnTarget, readonly string[]> = {
	city: ['stadt', 'city', 'kommune', 'gemeinde', 'ags', 'gemeindeschluessel', 'organisation'],
	field: ['handlungsfeld', 'kooperationsfeld', 'feld', 'field', 'cooperationfield', 'fieldslug'],
	kpi: ['kennzahl', 'kennzahlcode', 'kennzahlkuerzel', 'code', 'kpi', 'kpicode'],
	year: ['jahr', 'year', 'berichtsjahr'],
	quarter: ['quartal', 'quarter', 'q'],
	value: ['wert', 'value', 'istwert', 'ist', 'actual'],
	comment: ['kommentar', 'comment', 'bemerkung', 'anmerkung', 'begruendung', 'note', 'notes'],
	// Written by the export for people; not read back.
	ignore: [
		'bezeichnung',
		'kennzahlname',
		'name',
		'kpiname',
		'einheit',
		'unit',
		'status',
		'state',
		'stand',
		'zeile',
		'line'
	]
};

const builtIn = new Map<string, ColumnTarget>();
for (const target of columnTargets) for (const s of synonyms[target]) builtIn.set(s, target);

/** The remembered mapping of a city: normalised header → target. */
export type SavedMapping = Record<string, ColumnTarget>;

export type ColumnProblem =
	| { problem: 'missing_columns'; columns: ColumnKey[] }
	| { problem: 'unknown_columns'; columns: string[] }
	| { problem: 'duplicate_columns'; columns: string[] };

export interface ColumnAssignment {
	/** Per file column: what it holds, or null when unknown. */
	targets: (ColumnTarget | null)[];
	/** Column index per key, for the keys the file has. */
	index: Partial<Record<ColumnKey, number>>;
	problems: ColumnProblem[];
}

/** The target of each header: the user's saved choice, else the built-in name, else unknown. */
export function assignColumns(header: string[], saved: SavedMapping = {}): ColumnAssignment {
	const targets = header.map((h): ColumnTarget | null => {
		const n = normaliseHeader(h);
		if (n === '') return 'ignore';
		return saved[n] ?? builtIn.get(n) ?? null;
	});
	const index: Partial<Record<ColumnKey, number>> = {};
	const doubled = new Set<string>();
	targets.forEach((t, i) => {
		if (t === null || t === 'ignore') return;
		if (index[t] !== undefined) doubled.add(t);
		else index[t] = i;
	});
	const problems: ColumnProblem[] = [];
	const unknown = header.filter((_, i) => targets[i] === null);
	if (unknown.length) problems.push({ problem: 'unknown_columns', columns: unknown });
	const missing = requiredColumns.filter((k) => index[k] === undefined);
	if (missing.length) problems.push({ problem: 'missing_columns', columns: missing });
	if (doubled.size) {
		problems.push({
			problem: 'duplicate_columns',
			columns: header.filter((_, i) => doubled.has(targets[i] as string))
		});
	}
	return { targets, index, problems };
}

/** A saved mapping from the user's choice per header (only the entries that say something). */
export function mappingFromChoices(
	header: string[],
	choices: (ColumnTarget | null)[]
): SavedMapping {
	const mapping: SavedMapping = {};
	header.forEach((h, i) => {
		const n = normaliseHeader(h);
		const c = choices[i];
		if (n !== '' && c) mapping[n] = c;
	});
	return mapping;
}
