/**
 * Reference data of the initiative: members, cooperation fields and the default
 * Balanced Scorecard perspectives, as published by the initiative; seeded on every install.
 * Inhabitants come from the official directory (src/lib/server/directory/data).
 */

export type OrganisationKindValue = 'city' | 'association';

export interface ReferenceOrganisation {
	slug: string;
	name: string;
	kind: OrganisationKindValue;
	/** Amtlicher Gemeindeschlüssel (8 digits); null for the association. */
	ags: string | null;
}

export interface ReferenceField {
	slug: string;
	nameDe: string;
	nameEn: string;
	descriptionDe: string;
	descriptionEn: string;
	sortOrder: number;
	/** Slug of the leading member (Federführung); null: not published. */
	leadSlug: string | null;
}

export type PerspectiveKey = 'mandate' | 'customers' | 'finance' | 'processes' | 'staff';

export interface DefaultPerspective {
	key: PerspectiveKey;
	nameDe: string;
	nameEn: string;
	sortOrder: number;
}

export const ASSOCIATION_SLUG = 'deutscher-staedtetag';

/** The 13 founding cities, in alphabetical order. */
export const referenceCities: readonly ReferenceOrganisation[] = [
	{ slug: 'aachen', name: 'Aachen', kind: 'city', ags: '05334002' },
	{ slug: 'bielefeld', name: 'Bielefeld', kind: 'city', ags: '05711000' },
	{ slug: 'bochum', name: 'Bochum', kind: 'city', ags: '05911000' },
	{ slug: 'dortmund', name: 'Dortmund', kind: 'city', ags: '05913000' },
	{ slug: 'duesseldorf', name: 'Düsseldorf', kind: 'city', ags: '05111000' },
	{ slug: 'essen', name: 'Essen', kind: 'city', ags: '05113000' },
	{ slug: 'gelsenkirchen', name: 'Gelsenkirchen', kind: 'city', ags: '05513000' },
	{ slug: 'hagen', name: 'Hagen', kind: 'city', ags: '05914000' },
	{ slug: 'hamm', name: 'Hamm', kind: 'city', ags: '05915000' },
	{ slug: 'koeln', name: 'Köln', kind: 'city', ags: '05315000' },
	{ slug: 'muelheim-an-der-ruhr', name: 'Mülheim an der Ruhr', kind: 'city', ags: '05117000' },
	{ slug: 'muenster', name: 'Münster', kind: 'city', ags: '05515000' },
	{ slug: 'wuppertal', name: 'Wuppertal', kind: 'city', ags: '05124000' }
];

export const referenceOrganisations: readonly ReferenceOrganisation[] = [
	...referenceCities,
	{ slug: ASSOCIATION_SLUG, name: 'Deutscher Städtetag', kind: 'association', ags: null }
];

export const referenceFields: readonly ReferenceField[] = [
	{
		slug: 'geodaten-management',
		nameDe: 'Geodaten-Management',
		nameEn: 'Geodata management',
		descriptionDe:
			'Liegenschaftskataster, Vermessung und Geodatendienste gemeinsam weiterentwickeln und Geodaten offen bereitstellen.',
		descriptionEn:
			'Develop the real-estate cadastre, surveying and geodata services together and publish geodata openly.',
		sortOrder: 1,
		leadSlug: null
	},
	{
		slug: 'personal-management',
		nameDe: 'Personal-Management',
		nameEn: 'Human resources management',
		descriptionDe:
			'Personalgewinnung, Ausbildung, Gesundheitsmanagement und Personalverwaltung vergleichen und voneinander lernen.',
		descriptionEn:
			'Compare recruitment, training, health management and HR administration and learn from each other.',
		sortOrder: 2,
		leadSlug: null
	},
	{
		slug: 'beihilfe',
		nameDe: 'Beihilfe',
		nameEn: 'Health-cost allowance (Beihilfe)',
		descriptionDe:
			'Beihilfeanträge der Beamtinnen und Beamten schnell, korrekt und wirtschaftlich bearbeiten, bis hin zur gemeinsamen Bearbeitung.',
		descriptionEn:
			"Process civil servants' health-cost allowance claims quickly, correctly and economically, up to joint processing.",
		sortOrder: 3,
		leadSlug: null
	},
	{
		slug: 'service-center-d115',
		nameDe: 'Service-Center / D115',
		nameEn: 'Service centre / D115',
		descriptionDe:
			'Bürgerservice über die Behördennummer 115: 75 % der Anrufe in 30 Sekunden annehmen, 65 % der Fragen beim ersten Kontakt beantworten.',
		descriptionEn:
			'Citizen service via the public number 115: answer 75 % of calls within 30 seconds and 65 % of questions at first contact.',
		sortOrder: 4,
		leadSlug: null
	},
	{
		slug: 'finanz-management',
		nameDe: 'Finanz-Management',
		nameEn: 'Financial management',
		descriptionDe:
			'Rechnungsbearbeitung, Forderungsmanagement und doppisches Rechnungswesen vereinheitlichen und digitalisieren.',
		descriptionEn:
			'Standardise and digitise invoice processing, receivables management and accrual accounting.',
		sortOrder: 5,
		leadSlug: null
	},
	{
		slug: 'archivierung',
		nameDe: 'Archivierung',
		nameEn: 'Archiving',
		descriptionDe:
			'Archivgut erschließen, digitalisieren und zugänglich machen; elektronische Langzeitarchivierung gemeinsam aufbauen.',
		descriptionEn:
			'Catalogue, digitise and open up archival records; build electronic long-term archiving together.',
		sortOrder: 6,
		leadSlug: null
	},
	{
		slug: 'kfz-zulassungswesen',
		nameDe: 'Kfz-Zulassungswesen',
		nameEn: 'Vehicle registration',
		descriptionDe:
			'Zulassungsstellen effizient organisieren, Wartezeiten senken und die internetbasierte Zulassung (i-Kfz) ausbauen.',
		descriptionEn:
			'Run registration offices efficiently, cut waiting times and expand internet-based registration (i-Kfz).',
		sortOrder: 7,
		leadSlug: null
	},
	{
		slug: 'geschaeftsprozessoptimierung',
		nameDe: 'Organisationsangelegenheiten / Geschäftsprozessoptimierung',
		nameEn: 'Organisation and business process optimisation',
		descriptionDe:
			'Werkzeuge und Methoden vereinheitlichen, gemeinsame Bearbeitungs- und Qualitätsstandards vereinbaren, eine gemeinsame Prozessbibliothek pflegen und Organisations- und E-Government-Projekte gemeinsam durchführen.',
		descriptionEn:
			'Unify tools and methods, agree on common processing and quality standards, keep a shared process library and run organisation and e-government projects jointly.',
		sortOrder: 8,
		leadSlug: 'hamm'
	},
	{
		slug: 'einkauf-vergabe-beschaffung',
		nameDe: 'Einkauf / Vergabe / Beschaffung',
		nameEn: 'Purchasing, tendering and procurement',
		descriptionDe:
			'Bündelausschreibungen über die Einkaufsgenossenschaft EKV eG des Städtetages: größere Mengen günstiger einkaufen (Liefer- und Dienstleistungen nach VOL/A).',
		descriptionEn:
			"Bundled tenders through the Städtetag's purchasing cooperative EKV eG: buy larger volumes at lower prices (supplies and services under VOL/A).",
		sortOrder: 9,
		leadSlug: ASSOCIATION_SLUG
	},
	{
		slug: 'elektronische-antragsverfahren',
		nameDe: 'Elektronische Antragsverfahren',
		nameEn: 'Electronic application procedures',
		descriptionDe:
			'Online-Anträge mit der eID-Funktion des neuen Personalausweises (nPA); abgestimmte Verfahren zwischen den Städten sparen Aufwand für Bürgerschaft und Wirtschaft.',
		descriptionEn:
			'Online applications using the eID function of the new German ID card (nPA); procedures aligned across cities save effort for citizens and businesses.',
		sortOrder: 10,
		leadSlug: 'muenster'
	}
];

/** The five default perspectives of a new scorecard, in display order (KGSt tradition). */
export const defaultPerspectives: readonly DefaultPerspective[] = [
	{
		key: 'mandate',
		nameDe: 'Auftragserfüllung / Wirkung',
		nameEn: 'Mandate and outcome',
		sortOrder: 1
	},
	{ key: 'customers', nameDe: 'Bürger / Kunden', nameEn: 'Citizens and customers', sortOrder: 2 },
	{ key: 'finance', nameDe: 'Finanzen', nameEn: 'Finance', sortOrder: 3 },
	{ key: 'processes', nameDe: 'Prozesse', nameEn: 'Internal processes', sortOrder: 4 },
	{ key: 'staff', nameDe: 'Mitarbeitende', nameEn: 'Staff, learning and growth', sortOrder: 5 }
];

/** The cooperation was fixed in March 2012. */
export const FOUNDING_DATE = '2012-03-01';
