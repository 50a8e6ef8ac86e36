import { municipalitySlug } from './slug';
import { sizeClassOf, SIZE_CLASSES } from './size-class';

/** A ring member with its place in the official directory. */
export interface PlacedMember {
	organisationId: number;
	kreisAgs5: string;
	kreisName: string;
	kreisfrei: boolean;
	regierungsbezirk: string;
	/** Latest official inhabitants; null: none known, so no size class. */
	inhabitants: number | null;
}

export type DerivedKind = 'size' | 'kreis' | 'regierungsbezirk' | 'status';

export interface DerivedGroup {
	slug: string;
	kind: DerivedKind;
	nameDe: string;
	nameEn: string;
	members: number[];
}

/**
 * Peer groups that follow from the data: size class, Kreis, Regierungsbezirk and kreisfrei /
 * kreisangehörig. Only groups with at least two members: a comparison with oneself says nothing.
 * Slugs start with a marker of their kind, so they read as derived in a URL.
 */
export function deriveGroups(members: readonly PlacedMember[]): DerivedGroup[] {
	const groups = new Map<string, DerivedGroup>();
	const add = (slug: string, kind: DerivedKind, nameDe: string, nameEn: string, id: number) => {
		const group = groups.get(slug) ?? { slug, kind, nameDe, nameEn, members: [] };
		group.members.push(id);
		groups.set(slug, group);
	};
	for (const m of members) {
		if (m.inhabitants !== null) {
			const c = sizeClassOf(m.inhabitants);
			add(`groesse-${c.key}`, 'size', c.nameDe, c.nameEn, m.organisationId);
		}
		if (!m.kreisfrei)
			add(`kreis-${m.kreisAgs5}`, 'kreis', m.kreisName, m.kreisName, m.organisationId);
		const rb = m.regierungsbezirk;
		add(
			`regierungsbezirk-${municipalitySlug(rb)}`,
			'regierungsbezirk',
			`Regierungsbezirk ${rb}`,
			`Administrative district of ${rb}`,
			m.organisationId
		);
		if (m.kreisfrei)
			add(
				'kreisfreie-staedte',
				'status',
				'Kreisfreie Städte',
				'Independent cities',
				m.organisationId
			);
		else
			add(
				'kreisangehoerige-gemeinden',
				'status',
				'Kreisangehörige Städte und Gemeinden',
				'Municipalities within a district',
				m.organisationId
			);
	}
	const kindOrder: DerivedKind[] = ['size', 'status', 'regierungsbezirk', 'kreis'];
	const sizeOrder = SIZE_CLASSES.map((c) => `groesse-${c.key}`);
	return [...groups.values()]
		.filter((g) => g.members.length >= 2)
		.map((g) => ({ ...g, members: [...g.members].sort((a, b) => a - b) }))
		.sort(
			(a, b) =>
				kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
				sizeOrder.indexOf(a.slug) - sizeOrder.indexOf(b.slug) ||
				a.nameDe.localeCompare(b.nameDe, 'de')
		);
}
