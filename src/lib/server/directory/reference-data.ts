import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { checkRows, KREISFREI, type OfficialRow } from '../../domain/directory/official-rows';

/** The Zensus 2022 figures of the reference file: source and reference day. */
export const ZENSUS_2022 = {
	source: 'Zensus 2022 (Destatis/IT.NRW, Stichtag 15.05.2022)',
	referenceDate: '2022-05-15'
} as const;

export type KreisKind = 'kreis' | 'kreisfreie_stadt' | 'staedteregion';

export interface ReferenceKreis {
	ags5: string;
	name: string;
	kind: KreisKind;
}

export interface ReferenceDirectory {
	kreise: ReferenceKreis[];
	municipalities: OfficialRow[];
}

const KIND: Record<string, KreisKind> = {
	Kreis: 'kreis',
	'kreisfreie Stadt': 'kreisfreie_stadt',
	Städteregion: 'staedteregion'
};

/**
 * Beside this module when run from source (dev, tests, tsx scripts); in a bundled build this
 * module lives in a chunk, so fall back to the source tree of the project folder the app runs
 * from (as the common-password list and the migrations do).
 */
function dataPath(file: string): string {
	const besideModule = fileURLToPath(new URL(`./data/${file}`, import.meta.url));
	return existsSync(besideModule) ? besideModule : resolve('src/lib/server/directory/data', file);
}

export function parseCsv(text: string): { header: string[]; records: Record<string, string>[] } {
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		delimitersToGuess: [',', ';', '\t']
	});
	return { header: parsed.meta.fields ?? [], records: parsed.data };
}

let cached: ReferenceDirectory | undefined;

/** The 53 Kreise and 396 municipalities of the reference files; a bad row is a broken install. */
export function referenceDirectory(): ReferenceDirectory {
	if (cached) return cached;
	const kreise = parseCsv(readFileSync(dataPath('nrw-kreise.csv'), 'utf8')).records.map((r) => {
		const kind = KIND[r.art ?? ''];
		if (!kind || !/^05[0-9]{3}$/.test(r.ags5 ?? '')) throw new Error(`Bad Kreis row ${r.ags5}`);
		return { ags5: r.ags5!, name: r.name!, kind };
	});
	const { rows, refusals } = checkRows(
		parseCsv(readFileSync(dataPath('nrw-gemeinden.csv'), 'utf8')).records
	);
	if (refusals.length) throw new Error(`Bad municipality rows: ${JSON.stringify(refusals)}`);
	const kreisNames = new Map(kreise.map((k) => [k.ags5, k]));
	for (const row of rows) {
		const kreis = kreisNames.get(row.ags.slice(0, 5));
		const fits =
			kreis &&
			(row.kreis === KREISFREI ? kreis.kind === 'kreisfreie_stadt' : kreis.name === row.kreis);
		if (!fits)
			throw new Error(`Municipality ${row.ags} names Kreis "${row.kreis}", not in nrw-kreise.csv`);
	}
	cached = { kreise, municipalities: rows };
	return cached;
}
