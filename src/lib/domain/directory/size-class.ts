/**
 * Size classes for peer groups: the BBSR "Stadt- und Gemeindetyp" (Laufende Raumbeobachtung,
 * differentiated form) by population alone. The BBSR also counts a municipality under 5,000 as a
 * Kleinstadt when it is at least a Grundzentrum; the directory holds no central-place function, so
 * such municipalities fall into "Landgemeinde" here (docs/decisions/0029-official-directory.md).
 */
export const SIZE_CLASSES = [
	{ key: 'grosse-grossstadt', min: 500_000, nameDe: 'Große Großstädte', nameEn: 'Large cities' },
	{
		key: 'kleinere-grossstadt',
		min: 100_000,
		nameDe: 'Kleinere Großstädte',
		nameEn: 'Smaller large cities'
	},
	{
		key: 'groessere-mittelstadt',
		min: 50_000,
		nameDe: 'Größere Mittelstädte',
		nameEn: 'Larger medium-sized towns'
	},
	{
		key: 'kleinere-mittelstadt',
		min: 20_000,
		nameDe: 'Kleinere Mittelstädte',
		nameEn: 'Smaller medium-sized towns'
	},
	{
		key: 'groessere-kleinstadt',
		min: 10_000,
		nameDe: 'Größere Kleinstädte',
		nameEn: 'Larger small towns'
	},
	{ key: 'kleine-kleinstadt', min: 5_000, nameDe: 'Kleine Kleinstädte', nameEn: 'Small towns' },
	{ key: 'landgemeinde', min: 0, nameDe: 'Landgemeinden', nameEn: 'Rural municipalities' }
] as const;

export type SizeClass = (typeof SIZE_CLASSES)[number];

export function sizeClassOf(inhabitants: number): SizeClass {
	// The last class starts at 0, so every count finds one.
	return SIZE_CLASSES.find((c) => inhabitants >= c.min)!;
}
