/** Shared by the seed steps: ids by natural key, and batching. */
export const CHUNK_SIZE = 1000;

export interface ReferenceIds {
	organisations: Map<string, number>;
	fields: Map<string, number>;
	/** KPI id by code. */
	kpis: Map<string, number>;
	/** Version id by `${kpiId}|${year}|${quarter}` of its validity start. */
	versions: Map<string, number>;
}

export function chunks<T>(rows: readonly T[], size = CHUNK_SIZE): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
	return out;
}

export function required<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
	const value = map.get(key);
	if (value === undefined) throw new Error(`Seed: ${what} "${String(key)}" not found`);
	return value;
}
