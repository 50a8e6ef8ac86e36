import { describe, expect, it } from 'vitest';
import { deriveGroups, type PlacedMember } from './derived-groups';
import { sizeClassOf } from './size-class';
import { municipalitySlug } from './slug';

const member = (id: number, over: Partial<PlacedMember>): PlacedMember => ({
	organisationId: id,
	kreisAgs5: '05315',
	kreisName: 'Köln',
	kreisfrei: true,
	regierungsbezirk: 'Köln',
	inhabitants: 1_000_000,
	...over
});

describe('size classes (BBSR Stadt- und Gemeindetyp by population)', () => {
	it('puts the bounds into the upper class', () => {
		expect(sizeClassOf(1_017_355).nameDe).toBe('Große Großstädte');
		expect(sizeClassOf(500_000).nameDe).toBe('Große Großstädte');
		expect(sizeClassOf(499_999).nameDe).toBe('Kleinere Großstädte');
		expect(sizeClassOf(100_000).nameDe).toBe('Kleinere Großstädte');
		expect(sizeClassOf(50_000).nameDe).toBe('Größere Mittelstädte');
		expect(sizeClassOf(39_443).nameDe).toBe('Kleinere Mittelstädte');
		expect(sizeClassOf(19_999).nameDe).toBe('Größere Kleinstädte');
		expect(sizeClassOf(5_000).nameDe).toBe('Kleine Kleinstädte');
		expect(sizeClassOf(4_999).nameDe).toBe('Landgemeinden');
	});
});

describe('deriveGroups', () => {
	it('groups by size class, status, Regierungsbezirk and Kreis, leaving out groups of one', () => {
		const groups = deriveGroups([
			member(1, {}),
			member(2, { inhabitants: 611_258, regierungsbezirk: 'Düsseldorf' }),
			member(3, {
				kreisfrei: false,
				kreisAgs5: '05554',
				kreisName: 'Borken',
				inhabitants: 39_443,
				regierungsbezirk: 'Münster'
			}),
			member(4, {
				kreisfrei: false,
				kreisAgs5: '05554',
				kreisName: 'Borken',
				inhabitants: 25_000,
				regierungsbezirk: 'Münster'
			})
		]);
		expect(groups.map((g) => [g.slug, g.members])).toEqual([
			['groesse-grosse-grossstadt', [1, 2]],
			['groesse-kleinere-mittelstadt', [3, 4]],
			['kreisangehoerige-gemeinden', [3, 4]],
			['kreisfreie-staedte', [1, 2]],
			['regierungsbezirk-muenster', [3, 4]],
			['kreis-05554', [3, 4]]
		]);
	});
});

describe('municipalitySlug', () => {
	it('writes umlauts as the founding cities do', () => {
		expect(municipalitySlug('Mülheim an der Ruhr')).toBe('muelheim-an-der-ruhr');
		expect(municipalitySlug('Köln')).toBe('koeln');
		expect(municipalitySlug('Bad Münstereifel')).toBe('bad-muenstereifel');
	});
});
