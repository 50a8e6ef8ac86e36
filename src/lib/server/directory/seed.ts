import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import {
	kreise,
	municipalities,
	municipalityPopulations,
	organisations,
	populations
} from '../db/schema';
import type { Db, DbOrTx } from '../db/types';
import { municipalitySlug } from '../../domain/directory/slug';
import { referenceDirectory, ZENSUS_2022 } from './reference-data';

/**
 * The figures seeded for the founding cities before the directory existed (estimates on the 2011
 * census basis and Aachen's rough value). They give way to Zensus 2022; figures an administrator
 * entered carry other sources and stay.
 */
const SUPERSEDED_SOURCES = [
	'Bevölkerungsfortschreibung auf Basis Zensus 2011 (IT.NRW)',
	'Näherungswert (ca. 250.000), nicht verifiziert – bitte durch amtliche Zahl ersetzen'
];

/** Unique slugs: the name's, or with the AGS appended where two names would meet. */
function slugs(rows: readonly { ags: string; name: string }[]): Map<string, string> {
	const count = new Map<string, number>();
	for (const r of rows)
		count.set(municipalitySlug(r.name), (count.get(municipalitySlug(r.name)) ?? 0) + 1);
	return new Map(
		rows.map((r) => {
			const base = municipalitySlug(r.name);
			return [r.ags, (count.get(base) ?? 0) > 1 ? `${base}-${r.ags}` : base];
		})
	);
}

/**
 * Seeds the official directory (53 Kreise, 396 municipalities, their Zensus 2022 inhabitants) and
 * brings the members' denominators in line with it. Idempotent: existing rows are kept, so a
 * figure an administrator corrected is not reverted by the next seed.
 */
export async function seedDirectory(tx: DbOrTx): Promise<void> {
	const directory = referenceDirectory();
	await tx.insert(kreise).values(directory.kreise).onConflictDoNothing();
	const slugOf = slugs(directory.municipalities);
	await tx
		.insert(municipalities)
		.values(
			directory.municipalities.map((m) => ({
				ags: m.ags,
				name: m.name,
				slug: slugOf.get(m.ags)!,
				kreisAgs5: m.ags.slice(0, 5),
				regierungsbezirk: m.regierungsbezirk
			}))
		)
		.onConflictDoNothing();
	await tx
		.insert(municipalityPopulations)
		.values(
			directory.municipalities.map((m) => ({
				ags: m.ags,
				referenceDate: ZENSUS_2022.referenceDate,
				inhabitants: m.inhabitants,
				source: ZENSUS_2022.source
			}))
		)
		.onConflictDoNothing();
	const members = tx
		.select({ id: organisations.id })
		.from(organisations)
		.innerJoin(municipalities, eq(municipalities.ags, organisations.ags));
	await tx
		.delete(populations)
		.where(
			and(
				inArray(populations.organisationId, members),
				inArray(populations.source, SUPERSEDED_SOURCES)
			)
		);
	await syncMemberPopulations(tx);
}

/**
 * Copies the official figures of members (all, or the given organisation) into `populations`,
 * the denominator every per-inhabitant value reads; a figure for the same day is replaced.
 */
export async function syncMemberPopulations(tx: DbOrTx, organisationId?: number): Promise<void> {
	await tx
		.insert(populations)
		.select(
			tx
				.select({
					organisationId: organisations.id,
					referenceDate: municipalityPopulations.referenceDate,
					inhabitants: municipalityPopulations.inhabitants,
					source: municipalityPopulations.source,
					isEstimate: sql<boolean>`false`.as('is_estimate')
				})
				.from(organisations)
				.innerJoin(municipalityPopulations, eq(municipalityPopulations.ags, organisations.ags))
				.where(
					organisationId === undefined
						? isNotNull(organisations.ags)
						: eq(organisations.id, organisationId)
				)
		)
		.onConflictDoUpdate({
			target: [populations.organisationId, populations.referenceDate],
			set: {
				inhabitants: sql`excluded.inhabitants`,
				source: sql`excluded.source`,
				isEstimate: sql`excluded.is_estimate`
			},
			setWhere: sql`(${populations.inhabitants}, ${populations.source}, ${populations.isEstimate}) is distinct from (excluded.inhabitants, excluded.source, excluded.is_estimate)`
		});
}

/**
 * At start: a database migrated before the directory existed gets it once (and its founding
 * cities their official figures) without a separate seed run; afterwards one count is all it costs.
 */
export async function ensureDirectory(db: Db): Promise<boolean> {
	if ((await db.$count(municipalities)) > 0) return false;
	await db.transaction((tx) => seedDirectory(tx));
	return true;
}
