import { eq, sql } from 'drizzle-orm';
import { kreise, municipalities, organisations } from '../db/schema';
import type { DbOrTx } from '../db/types';
import { deriveGroups, type DerivedKind } from '../../domain/directory/derived-groups';
import { listPeerGroups } from '../peer-groups/peer-groups';

export interface ComparisonGroup {
	slug: string;
	nameDe: string;
	nameEn: string;
	members: number[];
	/** 'hand' for groups the administration keeps, else what the group is derived from. */
	kind: 'hand' | DerivedKind;
}

/**
 * The groups a comparison can be narrowed to: those kept by hand, then those that follow from the
 * official directory (size class, kreisfrei / kreisangehörig, Regierungsbezirk, Kreis) for the
 * current members. A hand-made group keeps its slug if a derived one would have the same.
 */
export async function listComparisonGroups(db: DbOrTx): Promise<ComparisonGroup[]> {
	const [hand, placed] = await Promise.all([
		listPeerGroups(db),
		db
			.select({
				organisationId: organisations.id,
				kreisAgs5: municipalities.kreisAgs5,
				kreisName: kreise.name,
				kreisfrei: sql<boolean>`${kreise.kind} = 'kreisfreie_stadt'`,
				regierungsbezirk: municipalities.regierungsbezirk,
				// The members' denominator: the latest figure, as the comparison shows it.
				inhabitants: sql<
					number | null
				>`(select p.inhabitants from populations p where p.organisation_id = ${organisations.id} order by p.reference_date desc limit 1)`
			})
			.from(organisations)
			.innerJoin(municipalities, eq(municipalities.ags, organisations.ags))
			.innerJoin(kreise, eq(kreise.ags5, municipalities.kreisAgs5))
	]);
	const handSlugs = new Set(hand.map((g) => g.slug));
	return [
		...hand.map((g) => ({
			slug: g.slug,
			nameDe: g.nameDe,
			nameEn: g.nameEn,
			members: g.members,
			kind: 'hand' as const
		})),
		...deriveGroups(placed).filter((g) => !handSlugs.has(g.slug))
	];
}
