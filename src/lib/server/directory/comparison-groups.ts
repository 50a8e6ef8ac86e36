import { sql } from 'drizzle-orm';
import {
	kreise,
	municipalities,
	organisations,
	peerGroupMembers,
	peerGroups,
	populations
} from '../db/schema';
import type { DbOrTx } from '../db/types';
import {
	deriveGroups,
	type DerivedKind,
	type PlacedMember
} from '../../domain/directory/derived-groups';

export interface ComparisonGroup {
	slug: string;
	nameDe: string;
	nameEn: string;
	members: number[];
	/** 'hand' for groups the administration keeps, else what the group is derived from. */
	kind: 'hand' | DerivedKind;
}

interface HandGroup {
	slug: string;
	nameDe: string;
	nameEn: string;
	members: number[];
}

/**
 * The groups a comparison can be narrowed to: those kept by hand, then those that follow from the
 * official directory (size class, kreisfrei / kreisangehörig, Regierungsbezirk, Kreis) for the
 * current members. One statement, as the single read of groups the comparison page had before.
 * A hand-made group keeps its slug if a derived one would have the same.
 */
export async function listComparisonGroups(db: DbOrTx): Promise<ComparisonGroup[]> {
	const [row] = await db
		.select({
			hand: sql<HandGroup[] | null>`(select json_agg(json_build_object(
					'slug', g.slug, 'nameDe', g.name_de, 'nameEn', g.name_en,
					'members', coalesce((select json_agg(pm.organisation_id order by pm.organisation_id)
						from ${peerGroupMembers} pm where pm.group_id = g.id), '[]'::json))
				order by g.name_de)
			from ${peerGroups} g)`,
			placed: sql<PlacedMember[] | null>`(select json_agg(json_build_object(
					'organisationId', o.id, 'kreisAgs5', mu.kreis_ags5, 'kreisName', k.name,
					'kreisfrei', k.kind = 'kreisfreie_stadt', 'regierungsbezirk', mu.regierungsbezirk,
					-- The members' denominator: the latest figure, as the comparison shows it.
					'inhabitants', (select p.inhabitants from ${populations} p
						where p.organisation_id = o.id order by p.reference_date desc limit 1)))
			from ${organisations} o
			join ${municipalities} mu on mu.ags = o.ags
			join ${kreise} k on k.ags5 = mu.kreis_ags5)`
		})
		// One row to carry both aggregates.
		.from(sql`(values (1)) as one (x)`);
	const hand = row?.hand ?? [];
	const handSlugs = new Set(hand.map((g) => g.slug));
	return [
		...hand.map((g) => ({ ...g, kind: 'hand' as const })),
		...deriveGroups(row?.placed ?? []).filter((g) => !handSlugs.has(g.slug))
	];
}
