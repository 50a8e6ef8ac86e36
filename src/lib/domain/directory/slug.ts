const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * The URL name of a municipality, as the founding cities' slugs are written:
 * "Mülheim an der Ruhr" → "muelheim-an-der-ruhr", "Köln" → "koeln".
 */
export function municipalitySlug(name: string): string {
	return name
		.toLowerCase()
		.replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}
