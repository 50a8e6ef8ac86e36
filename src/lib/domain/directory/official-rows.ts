/**
 * Rows of the official municipality file (header `ags,name,kreis,regierungsbezirk,einwohner…`),
 * checked one by one, so a bad row is refused with its line and reason and the rest stays
 * readable. Pure: the caller has already split the CSV into records.
 */

export const REGIERUNGSBEZIRKE = {
	'1': 'Düsseldorf',
	'3': 'Köln',
	'5': 'Münster',
	'7': 'Detmold',
	'9': 'Arnsberg'
} as const;

export type Regierungsbezirk = (typeof REGIERUNGSBEZIRKE)[keyof typeof REGIERUNGSBEZIRKE];

/** The value of the `kreis` column for the 22 kreisfreie Städte. */
export const KREISFREI = 'kreisfrei';

export interface OfficialRow {
	line: number;
	ags: string;
	name: string;
	kreis: string;
	regierungsbezirk: Regierungsbezirk;
	inhabitants: number;
}

export type RowProblem =
	| 'ags_format'
	| 'ags_not_nrw'
	| 'name_missing'
	| 'kreis_missing'
	| 'regierungsbezirk_mismatch'
	| 'inhabitants_invalid'
	| 'duplicate_ags';

export interface RowRefusal {
	line: number;
	ags: string;
	problems: RowProblem[];
}

export type HeaderProblem = { missing: string[] };

const REQUIRED_COLUMNS = ['ags', 'name', 'kreis', 'regierungsbezirk'] as const;

/** The inhabitants column: `einwohner_zensus_2022` in the reference file, any `einwohner…` later. */
export function inhabitantsColumn(header: readonly string[]): string | undefined {
	return header.find((h) => h.trim().toLowerCase().startsWith('einwohner'));
}

export function headerProblem(header: readonly string[]): HeaderProblem | null {
	const names = header.map((h) => h.trim().toLowerCase());
	const missing: string[] = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
	if (!inhabitantsColumn(header)) missing.push('einwohner…');
	return missing.length ? { missing } : null;
}

/** German files write 1.017.355 or 1 017 355; only whole positive numbers are inhabitants. */
function parseInhabitants(raw: string): number | null {
	const digits = raw.trim().replace(/[.\s\u00a0\u202f]/g, '');
	if (!/^[0-9]{1,9}$/.test(digits)) return null;
	const n = Number(digits);
	return n > 0 ? n : null;
}

export function checkRows(
	records: readonly Record<string, string>[],
	/** Line of the first record in the file (the header is line 1). */
	firstLine = 2
): { rows: OfficialRow[]; refusals: RowRefusal[] } {
	const rows: OfficialRow[] = [];
	const refusals: RowRefusal[] = [];
	const seen = new Set<string>();
	records.forEach((record, i) => {
		const line = firstLine + i;
		const get = (key: string) => {
			const found = Object.keys(record).find((k) => k.trim().toLowerCase() === key);
			return (found === undefined ? '' : (record[found] ?? '')).trim();
		};
		const inhabitantsKey = inhabitantsColumn(Object.keys(record)) ?? '';
		// Spreadsheets drop the leading zero of 05315000.
		const rawAgs = get('ags');
		const ags = /^[0-9]{7}$/.test(rawAgs) ? `0${rawAgs}` : rawAgs;
		const problems: RowProblem[] = [];
		if (!/^[0-9]{8}$/.test(ags)) problems.push('ags_format');
		else if (!ags.startsWith('05')) problems.push('ags_not_nrw');
		const name = get('name');
		if (!name) problems.push('name_missing');
		const kreis = get('kreis');
		if (!kreis) problems.push('kreis_missing');
		const expected = REGIERUNGSBEZIRKE[ags.charAt(2) as keyof typeof REGIERUNGSBEZIRKE];
		const regierungsbezirk = get('regierungsbezirk');
		if (!expected || regierungsbezirk !== expected) problems.push('regierungsbezirk_mismatch');
		const inhabitants = parseInhabitants(record[inhabitantsKey] ?? '');
		if (inhabitants === null) problems.push('inhabitants_invalid');
		if (seen.has(ags)) problems.push('duplicate_ags');
		seen.add(ags);
		if (problems.length || !expected || inhabitants === null) {
			refusals.push({ line, ags: rawAgs, problems });
			return;
		}
		rows.push({ line, ags, name, kreis, regierungsbezirk: expected, inhabitants });
	});
	return { rows, refusals };
}
