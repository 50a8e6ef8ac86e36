import type { kpiAggregation, kpiDenominator, kpiPolarity, kpiUnit } from '../schema/enums';
import type { PerspectiveKey } from './reference';

export type KpiUnitValue = (typeof kpiUnit.enumValues)[number];
export type KpiPolarityValue = (typeof kpiPolarity.enumValues)[number];
export type KpiAggregationValue = (typeof kpiAggregation.enumValues)[number];
export type KpiDenominatorValue = (typeof kpiDenominator.enumValues)[number];

/** Status bands as stored (numeric strings); null = unbounded on that side. */
export interface Bands {
	greenMin: string | null;
	greenMax: string | null;
	yellowMin: string | null;
	yellowMax: string | null;
}

/**
 * Parameters of the demo generator, always on the comparable scale: per 1,000 inhabitants or per
 * case for KPIs with a denominator, otherwise the value itself, per quarter.
 */
export interface DemoProfile {
	/** Typical value of an average city in 2023 Q4. */
	level: number;
	/** Relative spread of the city levels (0.1: cities lie about ±10 % around the level). */
	spread: number;
	/** Relative change per quarter in the direction of its sign (0.01: +1 % per quarter). */
	trend: number;
	/** Relative quarter-to-quarter noise (standard deviation). */
	noise: number;
	/** Multipliers for Q1..Q4. */
	seasonality?: readonly [number, number, number, number];
	/** Absolute totals (denominator none) grow with the city; level is for 300,000 inhabitants. */
	scalesWithPopulation?: boolean;
	/** per_case: cases per 1,000 inhabitants and quarter. */
	casesPer1000?: number;
}

/** A later meaning of the KPI; the name and everything else stay as in the first version. */
export interface CatalogueRevision {
	validFromYear: number;
	validFromQuarter: number;
	definitionDe: string;
	definitionEn: string;
	/** Relative shift of the demo values from this version on (the series break). */
	demoLevelShift: number;
}

/**
 * One shared KPI of a field's catalogue ("Kennzahlen-Steckbrief").
 *
 * Value convention for KPIs with a denominator: the stored value is already the comparable
 * figure (per 1,000 inhabitants, or per case), so targets apply to it directly. For per_case
 * KPIs the measurement's caseCount holds the number of cases behind it (the weight when
 * quarters are averaged).
 */
export interface CatalogueKpi {
	fieldSlug: string;
	code: string;
	nameDe: string;
	nameEn: string;
	definitionDe: string;
	definitionEn: string;
	unit: KpiUnitValue;
	decimals: number;
	polarity: KpiPolarityValue;
	aggregation: KpiAggregationValue;
	denominator: KpiDenominatorValue;
	source: string;
	plausibleChangePercent: number | null;
	/** The field's agreed target, if any. */
	commonTarget: Bands | null;
	/** Where the KPI sits in the field's template scorecard. */
	perspective: PerspectiveKey;
	objective: string;
	weight: number;
	demo: DemoProfile;
	revisions: readonly CatalogueRevision[];
}

/** First validity of every catalogue definition. */
export const CATALOGUE_VALID_FROM = { year: 2020, quarter: 1 } as const;

const atLeast = (green: number, yellow: number): Bands => ({
	greenMin: String(green),
	greenMax: null,
	yellowMin: String(yellow),
	yellowMax: null
});
const atMost = (green: number, yellow: number): Bands => ({
	greenMin: null,
	greenMax: String(green),
	yellowMin: null,
	yellowMax: String(yellow)
});
const corridor = (yMin: number, gMin: number, gMax: number, yMax: number): Bands => ({
	greenMin: String(gMin),
	greenMax: String(gMax),
	yellowMin: String(yMin),
	yellowMax: String(yMax)
});

type KpiInput = Omit<
	CatalogueKpi,
	| 'fieldSlug'
	| 'decimals'
	| 'denominator'
	| 'plausibleChangePercent'
	| 'commonTarget'
	| 'weight'
	| 'revisions'
> &
	Partial<
		Pick<
			CatalogueKpi,
			| 'decimals'
			| 'denominator'
			| 'plausibleChangePercent'
			| 'commonTarget'
			| 'weight'
			| 'revisions'
		>
	>;

function field(fieldSlug: string, kpis: KpiInput[]): CatalogueKpi[] {
	return kpis.map((k) => ({
		decimals: 1,
		denominator: 'none',
		plausibleChangePercent: 50,
		commonTarget: null,
		weight: k.commonTarget ? 2 : 1,
		revisions: [],
		...k,
		fieldSlug
	}));
}

const SEASON_WINTER_PEAK = [1.1, 0.96, 0.9, 1.04] as const;
const SEASON_SPRING_PEAK = [1.05, 1.1, 0.9, 0.95] as const;

export const catalogue: readonly CatalogueKpi[] = [
	...field('geodaten-management', [
		{
			code: 'GEO-FORTF3M',
			nameDe: 'Fortführungsquote Liegenschaftskataster innerhalb von 3 Monaten',
			nameEn: 'Cadastre updates within 3 months',
			definitionDe:
				'Anteil der im Quartal in ALKIS übernommenen Gebäudeeinmessungen, die innerhalb von drei Monaten nach Eingang übernommen wurden, an allen im Quartal übernommenen Gebäudeeinmessungen.',
			definitionEn:
				'Building surveys entered into ALKIS within three months of receipt, as a share of all building surveys entered in the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'ALKIS-Fortführungsstatistik',
			perspective: 'mandate',
			objective: 'Aktuelles Liegenschaftskataster sicherstellen',
			demo: { level: 82, spread: 0.08, trend: 0.004, noise: 0.03 }
		},
		{
			code: 'GEO-DIENST-ABRUF',
			nameDe: 'Abrufe der Geodatendienste je 1.000 Einwohner',
			nameEn: 'Geodata service requests per 1,000 inhabitants',
			definitionDe:
				'Anzahl der Abrufe der städtischen Geodatendienste (WMS, WFS, Download) im Quartal geteilt durch die Einwohnerzahl in Tausend.',
			definitionEn:
				"Number of requests to the city's geodata services (WMS, WFS, download) in the quarter divided by the population in thousands.",
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			denominator: 'per_1000_inhabitants',
			source: 'Server-Logstatistik Geodateninfrastruktur',
			plausibleChangePercent: 80,
			perspective: 'customers',
			objective: 'Geodaten offen und nutzerfreundlich bereitstellen',
			demo: { level: 1800, spread: 0.3, trend: 0.025, noise: 0.08 }
		},
		{
			code: 'GEO-AUSK-DAUER',
			nameDe: 'Bearbeitungsdauer Auszüge aus dem Liegenschaftskataster',
			nameEn: 'Processing time of cadastre extracts',
			definitionDe:
				'Durchschnittliche Anzahl der Arbeitstage zwischen Eingang eines Antrags auf einen amtlichen Auszug und dessen Versand, über alle im Quartal erledigten Anträge.',
			definitionEn:
				'Average number of working days between receipt of a request for an official extract and its dispatch, over all requests completed in the quarter.',
			unit: 'days',
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Fachverfahren Auskunft / Geschäftsbuch',
			perspective: 'processes',
			objective: 'Auskünfte schnell bearbeiten',
			demo: { level: 4.5, spread: 0.25, trend: -0.01, noise: 0.1 }
		},
		{
			code: 'GEO-KOSTENDECK',
			nameDe: 'Kostendeckungsgrad Vermessung und Kataster',
			nameEn: 'Cost recovery of surveying and cadastre',
			definitionDe:
				'Gebühren- und Entgelterträge der Vermessungs- und Katasterverwaltung im Quartal geteilt durch deren ordentliche Aufwendungen im Quartal, in Prozent.',
			definitionEn:
				'Fee and charge income of the surveying and cadastre office in the quarter divided by its ordinary expenses in the quarter, in percent.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Kosten- und Leistungsrechnung',
			perspective: 'finance',
			objective: 'Kostendeckung der Vermessungsleistungen erhöhen',
			demo: {
				level: 62,
				spread: 0.12,
				trend: 0.003,
				noise: 0.06,
				seasonality: [0.92, 1.04, 1.06, 0.98]
			}
		},
		{
			code: 'GEO-FORTB',
			nameDe: 'Fortbildungstage je Vollzeitstelle im Geodatenbereich',
			nameEn: 'Training days per full-time post in geodata',
			definitionDe:
				'Summe der besuchten Fortbildungstage der Beschäftigten des Geodatenbereichs im Quartal geteilt durch die besetzten Vollzeitstellen zum Quartalsende.',
			definitionEn:
				'Training days attended by geodata staff in the quarter divided by the filled full-time posts at the end of the quarter.',
			unit: 'days',
			decimals: 2,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Fortbildungsverwaltung',
			plausibleChangePercent: 150,
			perspective: 'staff',
			objective: 'Fachkompetenz in GIS-Technologien sichern',
			demo: { level: 0.7, spread: 0.3, trend: 0.01, noise: 0.2, seasonality: [0.8, 1.2, 0.7, 1.3] }
		}
	]),
	...field('personal-management', [
		{
			code: 'PERS-AUSB',
			nameDe: 'Ausbildungsquote',
			nameEn: 'Apprenticeship rate',
			definitionDe:
				'Anzahl der Auszubildenden, Anwärterinnen/Anwärter und dual Studierenden zum Quartalsende geteilt durch alle Beschäftigten zum Quartalsende, in Prozent. Zielkorridor, weil die Ausbildungskapazität begrenzt ist.',
			definitionEn:
				'Apprentices, civil-service trainees and dual students at the end of the quarter divided by all staff at the end of the quarter, in percent. A corridor, because training capacity is limited.',
			unit: 'percent',
			polarity: 'target_band',
			aggregation: 'last',
			source: 'Personalstatistik (SAP HCM)',
			plausibleChangePercent: 30,
			commonTarget: corridor(5, 6, 8, 9),
			perspective: 'mandate',
			objective: 'Nachwuchs für die Verwaltung sichern',
			demo: {
				level: 6.8,
				spread: 0.25,
				trend: 0.004,
				noise: 0.03,
				seasonality: [0.97, 0.95, 1.06, 1.02]
			}
		},
		{
			code: 'PERS-EBEW',
			nameDe: 'Anteil elektronischer Bewerbungen',
			nameEn: 'Share of online applications for jobs',
			definitionDe:
				'Anteil der über das Online-Bewerbungsportal eingegangenen Bewerbungen an allen im Quartal eingegangenen Bewerbungen.',
			definitionEn:
				'Applications received through the online recruiting portal as a share of all job applications received in the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Bewerbermanagementsystem',
			perspective: 'customers',
			objective: 'Bewerbungsverfahren bewerberfreundlich gestalten',
			demo: { level: 86, spread: 0.07, trend: 0.006, noise: 0.02 }
		},
		{
			code: 'PERS-ABRECH-KOST',
			nameDe: 'Kosten je Entgeltabrechnungsfall',
			nameEn: 'Cost per payroll case',
			definitionDe:
				'Personal- und Sachkosten der Entgelt- und Besoldungsabrechnung im Quartal in Euro geteilt durch die Zahl der monatlichen Abrechnungsfälle im Quartal.',
			definitionEn:
				'Staff and material cost of payroll in the quarter in euro divided by the number of monthly payroll cases in the quarter.',
			unit: 'euro',
			decimals: 2,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			denominator: 'per_case',
			source: 'Kosten- und Leistungsrechnung, Abrechnungsstatistik',
			perspective: 'finance',
			objective: 'Personalverwaltung wirtschaftlich organisieren',
			demo: { level: 9.5, spread: 0.15, trend: -0.004, noise: 0.04, casesPer1000: 60 }
		},
		{
			code: 'PERS-BESETZ-DAUER',
			nameDe: 'Dauer der Stellenbesetzung',
			nameEn: 'Time to fill a post',
			definitionDe:
				'Durchschnittliche Anzahl der Kalendertage von der Freigabe der Ausschreibung bis zur Zusage der ausgewählten Person, über alle im Quartal abgeschlossenen Besetzungsverfahren.',
			definitionEn:
				'Average calendar days from release of the job advertisement to acceptance by the selected candidate, over all recruitments completed in the quarter.',
			unit: 'days',
			decimals: 0,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Bewerbermanagementsystem',
			perspective: 'processes',
			objective: 'Stellen zügig besetzen',
			demo: { level: 95, spread: 0.2, trend: 0.004, noise: 0.08 }
		},
		{
			code: 'PERS-KRANK',
			nameDe: 'Krankenstandsquote',
			nameEn: 'Sick-leave rate',
			definitionDe:
				'Krankheitsbedingte Ausfalltage der Beschäftigten im Quartal geteilt durch deren Soll-Arbeitstage im Quartal, in Prozent; ohne Langzeiterkrankungen über sechs Wochen.',
			definitionEn:
				'Working days lost to sickness in the quarter divided by planned working days in the quarter, in percent; excluding long-term sickness over six weeks.',
			unit: 'percent',
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Zeitwirtschaft / Personalstatistik',
			perspective: 'staff',
			objective: 'Gesundheit der Beschäftigten fördern',
			demo: {
				level: 6.8,
				spread: 0.15,
				trend: 0.002,
				noise: 0.05,
				seasonality: SEASON_WINTER_PEAK
			},
			revisions: [
				{
					validFromYear: 2025,
					validFromQuarter: 1,
					definitionDe:
						'Krankheitsbedingte Ausfalltage der Beschäftigten im Quartal geteilt durch deren Soll-Arbeitstage im Quartal, in Prozent; einschließlich Langzeiterkrankungen (Änderung ab 2025 nach Beschluss des Arbeitskreises).',
					definitionEn:
						'Working days lost to sickness in the quarter divided by planned working days in the quarter, in percent; including long-term sickness (changed from 2025 by decision of the working group).',
					demoLevelShift: 0.22
				}
			]
		}
	]),
	...field('beihilfe', [
		{
			code: 'BH-DAUER',
			nameDe: 'Durchschnittliche Bearbeitungsdauer Beihilfeanträge',
			nameEn: 'Average processing time of Beihilfe claims',
			definitionDe:
				'Durchschnittliche Anzahl der Kalendertage zwischen Eingang eines Beihilfeantrags und Versand des Bescheids, über alle im Quartal beschiedenen Anträge.',
			definitionEn:
				'Average calendar days between receipt of a Beihilfe claim and dispatch of the decision, over all claims decided in the quarter.',
			unit: 'days',
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Beihilfe-Fachverfahren',
			commonTarget: atMost(10, 15),
			perspective: 'mandate',
			objective: 'Beihilfe zügig und korrekt festsetzen',
			demo: {
				level: 10.5,
				spread: 0.3,
				trend: -0.006,
				noise: 0.1,
				seasonality: [1.15, 0.95, 0.85, 1.05]
			}
		},
		{
			code: 'BH-ONLINE',
			nameDe: 'Anteil digital eingereichter Beihilfeanträge',
			nameEn: 'Share of Beihilfe claims submitted digitally',
			definitionDe:
				'Anteil der per Beihilfe-App oder Online-Portal eingereichten Anträge an allen im Quartal eingegangenen Beihilfeanträgen.',
			definitionEn:
				'Claims submitted via the Beihilfe app or online portal as a share of all Beihilfe claims received in the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Beihilfe-Fachverfahren, Posteingangsstatistik',
			perspective: 'customers',
			objective: 'Digitale Antragstellung anbieten',
			demo: { level: 42, spread: 0.3, trend: 0.04, noise: 0.04 }
		},
		{
			code: 'BH-KOSTEN-EW',
			nameDe: 'Kosten Beihilfebearbeitung je 1.000 Einwohner',
			nameEn: 'Cost of Beihilfe processing per 1,000 inhabitants',
			definitionDe:
				'Personal-, Sach- und Gemeinkosten der Beihilfestelle im Quartal in Euro (ohne die ausgezahlten Beihilfen) geteilt durch die Einwohnerzahl in Tausend.',
			definitionEn:
				'Staff, material and overhead cost of the Beihilfe office in the quarter in euro (excluding the benefits paid) divided by the population in thousands.',
			unit: 'euro',
			decimals: 0,
			polarity: 'lower_is_better',
			aggregation: 'sum',
			denominator: 'per_1000_inhabitants',
			source: 'Kosten- und Leistungsrechnung',
			plausibleChangePercent: 30,
			perspective: 'finance',
			objective: 'Bearbeitungskosten senken',
			demo: { level: 1250, spread: 0.2, trend: 0.003, noise: 0.04 }
		},
		{
			code: 'BH-ANTR-VZ',
			nameDe: 'Bearbeitete Beihilfeanträge je Vollzeitstelle',
			nameEn: 'Beihilfe claims processed per full-time post',
			definitionDe:
				'Anzahl der im Quartal beschiedenen Beihilfeanträge geteilt durch die in der Sachbearbeitung eingesetzten Vollzeitstellen (Jahresdurchschnitt).',
			definitionEn:
				'Beihilfe claims decided in the quarter divided by the full-time posts assigned to claim processing (annual average).',
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Beihilfe-Fachverfahren, Stellenplan',
			perspective: 'processes',
			objective: 'Produktivität der Sachbearbeitung steigern',
			demo: {
				level: 1150,
				spread: 0.15,
				trend: 0.006,
				noise: 0.06,
				seasonality: SEASON_WINTER_PEAK
			}
		},
		{
			code: 'BH-WIDERSPR',
			nameDe: 'Widerspruchsquote Beihilfe',
			nameEn: 'Beihilfe objection rate',
			definitionDe:
				'Anzahl der im Quartal eingegangenen Widersprüche gegen Beihilfebescheide geteilt durch die Anzahl der im Quartal erlassenen Bescheide, in Prozent.',
			definitionEn:
				'Objections to Beihilfe decisions received in the quarter divided by decisions issued in the quarter, in percent.',
			unit: 'percent',
			decimals: 2,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Beihilfe-Fachverfahren',
			plausibleChangePercent: 100,
			perspective: 'processes',
			objective: 'Rechtssichere Festsetzung gewährleisten',
			demo: { level: 1.2, spread: 0.3, trend: -0.005, noise: 0.12 }
		},
		{
			code: 'BH-QUALI',
			nameDe: 'Qualifizierungsstunden je Beschäftigte:n der Beihilfestelle',
			nameEn: 'Training hours per Beihilfe employee',
			definitionDe:
				'Summe der Fortbildungs- und Schulungsstunden der Beschäftigten der Beihilfestelle im Quartal geteilt durch deren Anzahl zum Quartalsende.',
			definitionEn:
				'Training hours of the Beihilfe staff in the quarter divided by their headcount at the end of the quarter.',
			unit: 'hours',
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Fortbildungsverwaltung',
			plausibleChangePercent: 200,
			perspective: 'staff',
			objective: 'Beihilferecht-Know-how sichern',
			demo: { level: 6, spread: 0.3, trend: 0.01, noise: 0.2, seasonality: [0.9, 1.2, 0.6, 1.3] }
		}
	]),
	...field('service-center-d115', [
		{
			code: 'D115-ELQ',
			nameDe: 'Erstlösungsquote',
			nameEn: 'First-contact resolution rate',
			definitionDe:
				'Anteil der angenommenen Anrufe, deren Anliegen beim ersten Kontakt abschließend beantwortet wurde, ohne Weiterleitung oder Rückruf, an allen angenommenen Anrufen des Quartals (D115-Serviceversprechen: 65 %).',
			definitionEn:
				'Answered calls whose question was fully answered at first contact, without transfer or call-back, as a share of all calls answered in the quarter (D115 service promise: 65 %).',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'D115-Ticketsystem / Wissensmanagement',
			plausibleChangePercent: 25,
			commonTarget: atLeast(65, 55),
			perspective: 'mandate',
			objective: 'Anliegen beim ersten Kontakt abschließend klären',
			demo: { level: 64, spread: 0.13, trend: 0.002, noise: 0.035 }
		},
		{
			code: 'D115-ANRUFE-EW',
			nameDe: 'Angenommene Anrufe je 1.000 Einwohner',
			nameEn: 'Calls answered per 1,000 inhabitants',
			definitionDe:
				'Anzahl der im Quartal im Service-Center angenommenen Anrufe (115 und städtische Servicenummer) geteilt durch die Einwohnerzahl in Tausend.',
			definitionEn:
				'Calls answered by the service centre in the quarter (115 and the city service number) divided by the population in thousands.',
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			denominator: 'per_1000_inhabitants',
			source: 'Telefonanlage / ACD-Statistik',
			plausibleChangePercent: 40,
			perspective: 'mandate',
			objective: 'Behördennummer 115 als ersten Zugang etablieren',
			demo: { level: 420, spread: 0.25, trend: 0.008, noise: 0.05, seasonality: SEASON_SPRING_PEAK }
		},
		{
			code: 'D115-SL30',
			nameDe: 'Servicelevel: Anrufe innerhalb 30 s angenommen',
			nameEn: 'Service level: calls answered within 30 s',
			definitionDe:
				'Anteil der innerhalb von 30 Sekunden angenommenen Anrufe an allen im Quartal eingegangenen Anrufen, die nicht vor Ablauf von 5 Sekunden aufgelegt wurden (D115-Serviceversprechen: 75 %).',
			definitionEn:
				'Calls answered within 30 seconds as a share of all calls received in the quarter that were not abandoned within 5 seconds (D115 service promise: 75 %).',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Telefonanlage / ACD-Statistik',
			plausibleChangePercent: 25,
			commonTarget: atLeast(75, 65),
			perspective: 'customers',
			objective: 'D115-Serviceversprechen einhalten',
			demo: {
				level: 73,
				spread: 0.14,
				trend: 0.002,
				noise: 0.045,
				seasonality: [0.97, 0.98, 1.03, 1.02]
			}
		},
		{
			code: 'D115-KOST-ANRUF',
			nameDe: 'Kosten je angenommenem Anruf',
			nameEn: 'Cost per answered call',
			definitionDe:
				'Personal-, Sach- und Technikkosten des Service-Centers im Quartal in Euro geteilt durch die Zahl der im Quartal angenommenen Anrufe.',
			definitionEn:
				'Staff, material and technology cost of the service centre in the quarter in euro divided by the number of calls answered in the quarter.',
			unit: 'euro',
			decimals: 2,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			denominator: 'per_case',
			source: 'Kosten- und Leistungsrechnung, ACD-Statistik',
			plausibleChangePercent: 30,
			perspective: 'finance',
			objective: 'Service-Center wirtschaftlich betreiben',
			demo: { level: 3.8, spread: 0.18, trend: 0.003, noise: 0.04, casesPer1000: 420 }
		},
		{
			code: 'D115-WARTEZEIT',
			nameDe: 'Durchschnittliche Wartezeit bis zur Annahme',
			nameEn: 'Average speed of answer',
			definitionDe:
				'Summe der Wartezeiten aller im Quartal angenommenen Anrufe in Sekunden geteilt durch die Anzahl der angenommenen Anrufe.',
			definitionEn:
				'Total waiting time of all calls answered in the quarter in seconds divided by the number of answered calls.',
			unit: 'seconds',
			decimals: 0,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Telefonanlage / ACD-Statistik',
			plausibleChangePercent: 60,
			perspective: 'processes',
			objective: 'Erreichbarkeit vorausschauend steuern',
			demo: {
				level: 27,
				spread: 0.25,
				trend: -0.004,
				noise: 0.1,
				seasonality: [1.06, 1.04, 0.94, 0.96]
			}
		},
		{
			code: 'D115-SCHUL',
			nameDe: 'Schulungsstunden je Servicekraft',
			nameEn: 'Training hours per service agent',
			definitionDe:
				'Summe der Schulungsstunden (Fachwissen, Gesprächsführung, Wissensdatenbank) im Quartal geteilt durch die Zahl der Servicekräfte zum Quartalsende.',
			definitionEn:
				'Training hours (subject knowledge, call handling, knowledge base) in the quarter divided by the number of service agents at the end of the quarter.',
			unit: 'hours',
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Fortbildungsverwaltung Service-Center',
			plausibleChangePercent: 200,
			perspective: 'staff',
			objective: 'Servicekräfte qualifizieren',
			demo: { level: 7, spread: 0.3, trend: 0.005, noise: 0.18, seasonality: [1.1, 1.0, 0.7, 1.2] }
		}
	]),
	...field('finanz-management', [
		{
			code: 'FIN-BEITREIB',
			nameDe: 'Beitreibungsquote Vollstreckung',
			nameEn: 'Enforcement recovery rate',
			definitionDe:
				'Summe der im Quartal beigetriebenen Forderungsbeträge geteilt durch die Summe der im Quartal erledigten Vollstreckungsforderungen, in Prozent.',
			definitionEn:
				'Amounts recovered in the quarter divided by the total of enforcement claims closed in the quarter, in percent.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Vollstreckungsverfahren (Finanzbuchhaltung)',
			perspective: 'mandate',
			objective: 'Forderungen konsequent realisieren',
			demo: { level: 58, spread: 0.12, trend: 0.003, noise: 0.04 }
		},
		{
			code: 'FIN-ERECH',
			nameDe: 'Anteil elektronischer Eingangsrechnungen',
			nameEn: 'Share of electronic incoming invoices',
			definitionDe:
				'Anteil der als XRechnung oder ZUGFeRD eingegangenen Rechnungen an allen im Quartal eingegangenen Rechnungen.',
			definitionEn:
				'Invoices received as XRechnung or ZUGFeRD as a share of all invoices received in the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Rechnungseingangsbuch / E-Rechnungsplattform',
			perspective: 'customers',
			objective: 'Elektronischen Rechnungsverkehr mit Lieferanten ausbauen',
			demo: { level: 48, spread: 0.25, trend: 0.05, noise: 0.04 }
		},
		{
			code: 'FIN-SKONTO',
			nameDe: 'Genutzte Skontoerträge',
			nameEn: 'Cash discounts used',
			definitionDe:
				'Summe der im Quartal durch fristgerechte Zahlung genutzten Skontobeträge in Euro.',
			definitionEn: 'Total cash discounts gained through timely payment in the quarter, in euro.',
			unit: 'euro',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Finanzbuchhaltung',
			plausibleChangePercent: 60,
			perspective: 'finance',
			objective: 'Zahlungsvorteile konsequent nutzen',
			demo: { level: 48_000, spread: 0.25, trend: 0.01, noise: 0.1, scalesWithPopulation: true }
		},
		{
			code: 'FIN-RE-DAUER',
			nameDe: 'Durchlaufzeit Eingangsrechnungen',
			nameEn: 'Throughput time of incoming invoices',
			definitionDe:
				'Durchschnittliche Anzahl der Kalendertage zwischen Rechnungseingang und Zahlungsanweisung, über alle im Quartal bezahlten Rechnungen.',
			definitionEn:
				'Average calendar days between receipt of an invoice and the payment order, over all invoices paid in the quarter.',
			unit: 'days',
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Rechnungsworkflow',
			commonTarget: atMost(14, 21),
			perspective: 'processes',
			objective: 'Rechnungen schnell und medienbruchfrei bearbeiten',
			demo: {
				level: 15,
				spread: 0.25,
				trend: -0.01,
				noise: 0.08,
				seasonality: [1.05, 0.95, 0.95, 1.1]
			}
		},
		{
			code: 'FIN-DOPPIK-QUAL',
			nameDe: 'Anteil doppisch qualifizierter Beschäftigter',
			nameEn: 'Share of staff trained in accrual accounting',
			definitionDe:
				'Anteil der Beschäftigten des Finanzwesens mit abgeschlossener Doppik-Qualifizierung an allen Beschäftigten des Finanzwesens, Stand Quartalsende.',
			definitionEn:
				'Finance staff with completed accrual-accounting training as a share of all finance staff, at the end of the quarter.',
			unit: 'percent',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'Fortbildungsverwaltung',
			plausibleChangePercent: 20,
			perspective: 'staff',
			objective: 'Doppik-Kompetenz ausbauen',
			demo: { level: 72, spread: 0.12, trend: 0.008, noise: 0.015 }
		}
	]),
	...field('archivierung', [
		{
			code: 'ARCH-ERSCHL',
			nameDe: 'Erschließungsquote',
			nameEn: 'Cataloguing rate',
			definitionDe:
				'Umfang der in Findmitteln verzeichneten Archivalien in laufenden Metern geteilt durch den Gesamtbestand in laufenden Metern, Stand Quartalsende.',
			definitionEn:
				'Shelf metres of records described in finding aids divided by total holdings in shelf metres, at the end of the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'Archivinformationssystem',
			plausibleChangePercent: 10,
			perspective: 'mandate',
			objective: 'Archivbestände zugänglich machen',
			demo: { level: 76, spread: 0.1, trend: 0.003, noise: 0.004 }
		},
		{
			code: 'ARCH-DIGITAL',
			nameDe: 'Online bereitgestellte Digitalisate',
			nameEn: 'Digitised images published online',
			definitionDe:
				'Anzahl der im Quartal neu im Online-Findbuch oder Archivportal NRW veröffentlichten Digitalisate (Images).',
			definitionEn:
				'Digitised images newly published in the online finding aid or the NRW archive portal in the quarter.',
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Archivinformationssystem, Archivportal NRW',
			plausibleChangePercent: 150,
			perspective: 'customers',
			objective: 'Archivgut digital nutzbar machen',
			demo: { level: 40_000, spread: 0.4, trend: 0.02, noise: 0.2, scalesWithPopulation: true }
		},
		{
			code: 'ARCH-MAGAZIN',
			nameDe: 'Auslastung der Magazinflächen',
			nameEn: 'Storage capacity utilisation',
			definitionDe:
				'Belegte Regalmeter geteilt durch verfügbare Regalmeter der Archivmagazine, Stand Quartalsende, in Prozent. Zielkorridor: Reserve für Übernahmen ohne teuren Leerstand.',
			definitionEn:
				'Occupied shelf metres divided by available shelf metres of the archive stores at the end of the quarter, in percent. A corridor: reserve for accessions without costly vacancy.',
			unit: 'percent',
			decimals: 0,
			polarity: 'target_band',
			aggregation: 'last',
			source: 'Magazinverwaltung',
			plausibleChangePercent: 15,
			commonTarget: corridor(65, 75, 90, 95),
			perspective: 'finance',
			objective: 'Magazinflächen wirtschaftlich nutzen',
			demo: { level: 84, spread: 0.1, trend: 0.003, noise: 0.005 }
		},
		{
			code: 'ARCH-ANFR-DAUER',
			nameDe: 'Bearbeitungsdauer schriftlicher Anfragen',
			nameEn: 'Processing time of written enquiries',
			definitionDe:
				'Durchschnittliche Anzahl der Kalendertage zwischen Eingang und abschließender Beantwortung, über alle im Quartal beantworteten schriftlichen Anfragen.',
			definitionEn:
				'Average calendar days between receipt and final answer, over all written enquiries answered in the quarter.',
			unit: 'days',
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Anfragenverwaltung',
			perspective: 'processes',
			objective: 'Anfragen zügig beantworten',
			demo: { level: 12, spread: 0.3, trend: -0.008, noise: 0.1 }
		},
		{
			code: 'ARCH-FACHQUAL',
			nameDe: 'Anteil archivfachlich qualifizierter Beschäftigter',
			nameEn: 'Share of professionally qualified archive staff',
			definitionDe:
				'Anteil der Beschäftigten mit archivfachlicher Ausbildung oder Studium an allen Beschäftigten des Archivs, Stand Quartalsende.',
			definitionEn:
				'Staff with an archival training or degree as a share of all archive staff, at the end of the quarter.',
			unit: 'percent',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'Personalstatistik',
			plausibleChangePercent: 25,
			perspective: 'staff',
			objective: 'Archivfachliche Qualifikation sichern',
			demo: { level: 55, spread: 0.15, trend: 0.003, noise: 0.02 }
		}
	]),
	...field('kfz-zulassungswesen', [
		{
			code: 'KFZ-IKFZ',
			nameDe: 'Anteil internetbasierter Zulassungen (i-Kfz)',
			nameEn: 'Share of internet-based registrations (i-Kfz)',
			definitionDe:
				'Anteil der über i-Kfz online abgeschlossenen Zulassungsvorgänge an allen im Quartal abgeschlossenen Zulassungsvorgängen.',
			definitionEn:
				'Registration transactions completed online via i-Kfz as a share of all registration transactions completed in the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Zulassungsfachverfahren',
			plausibleChangePercent: 40,
			perspective: 'mandate',
			objective: 'Online-Zulassung etablieren',
			demo: { level: 14, spread: 0.35, trend: 0.06, noise: 0.05 }
		},
		{
			code: 'KFZ-WARTEZEIT',
			nameDe: 'Durchschnittliche Wartezeit vor Ort',
			nameEn: 'Average waiting time on site',
			definitionDe:
				'Durchschnittliche Minuten zwischen Aufruf-Ticket bzw. Terminbeginn und Aufruf am Schalter, über alle Vorsprachen des Quartals.',
			definitionEn:
				'Average minutes between ticket or appointment time and being called to the counter, over all visits in the quarter.',
			unit: 'minutes',
			decimals: 0,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Aufrufsystem / Terminverwaltung',
			plausibleChangePercent: 80,
			commonTarget: atMost(20, 30),
			perspective: 'customers',
			objective: 'Wartezeiten für Bürgerinnen und Bürger verkürzen',
			demo: {
				level: 21,
				spread: 0.3,
				trend: -0.01,
				noise: 0.12,
				seasonality: [1.1, 1.15, 0.85, 0.9]
			}
		},
		{
			code: 'KFZ-KOST-VORG',
			nameDe: 'Kosten je Zulassungsvorgang',
			nameEn: 'Cost per registration transaction',
			definitionDe:
				'Personal-, Sach- und Gemeinkosten der Zulassungsstelle im Quartal in Euro geteilt durch die Zahl der im Quartal abgeschlossenen Zulassungsvorgänge.',
			definitionEn:
				'Staff, material and overhead cost of the registration office in the quarter in euro divided by the number of registration transactions completed in the quarter.',
			unit: 'euro',
			decimals: 2,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			denominator: 'per_case',
			source: 'Kosten- und Leistungsrechnung, Zulassungsstatistik',
			plausibleChangePercent: 30,
			perspective: 'finance',
			objective: 'Zulassungsstelle kostendeckend betreiben',
			demo: {
				level: 27,
				spread: 0.15,
				trend: 0.002,
				noise: 0.04,
				casesPer1000: 95,
				seasonality: [0.95, 0.95, 1.05, 1.05]
			}
		},
		{
			code: 'KFZ-VORG-VZ',
			nameDe: 'Zulassungsvorgänge je Vollzeitstelle',
			nameEn: 'Registration transactions per full-time post',
			definitionDe:
				'Anzahl der im Quartal abgeschlossenen Zulassungsvorgänge (Neu-, Um-, Wiederzulassung, Außerbetriebsetzung) geteilt durch die Vollzeitstellen der Zulassungsstelle im Quartal.',
			definitionEn:
				'Registration transactions completed in the quarter (new, transfer, re-registration, deregistration) divided by the full-time posts of the registration office in the quarter.',
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Zulassungsfachverfahren, Stellenplan',
			perspective: 'processes',
			objective: 'Produktivität der Zulassungsstelle steigern',
			demo: {
				level: 2100,
				spread: 0.15,
				trend: 0.006,
				noise: 0.06,
				seasonality: [1.0, 1.12, 0.92, 0.96]
			}
		},
		{
			code: 'KFZ-FLUKT',
			nameDe: 'Fluktuationsquote Zulassungsstelle',
			nameEn: 'Staff turnover in the registration office',
			definitionDe:
				'Anzahl der Beschäftigten, die die Zulassungsstelle im Quartal verlassen haben, geteilt durch die durchschnittliche Zahl der Beschäftigten im Quartal, in Prozent.',
			definitionEn:
				'Employees who left the registration office in the quarter divided by its average headcount in the quarter, in percent.',
			unit: 'percent',
			polarity: 'lower_is_better',
			aggregation: 'sum',
			source: 'Personalstatistik',
			plausibleChangePercent: 300,
			perspective: 'staff',
			objective: 'Erfahrene Beschäftigte halten',
			demo: { level: 2.6, spread: 0.35, trend: 0, noise: 0.3 }
		}
	]),
	...field('geschaeftsprozessoptimierung', [
		{
			code: 'GPO-PROZBIB',
			nameDe: 'Prozesse in der gemeinsamen Prozessbibliothek',
			nameEn: 'Processes in the shared process library',
			definitionDe:
				'Anzahl der von der Stadt nach dem gemeinsamen Modellierungsstandard dokumentierten und in der interkommunalen Prozessbibliothek veröffentlichten Prozesse, Stand Quartalsende.',
			definitionEn:
				'Processes documented by the city under the common modelling standard and published in the shared process library, at the end of the quarter.',
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'Prozessbibliothek (Modellierungswerkzeug)',
			plausibleChangePercent: 40,
			perspective: 'mandate',
			objective: 'Gemeinsame Prozessbibliothek aufbauen',
			demo: { level: 60, spread: 0.35, trend: 0.04, noise: 0.01 }
		},
		{
			code: 'GPO-TERMINTREUE',
			nameDe: 'Termintreue von Organisationsprojekten',
			nameEn: 'On-time delivery of organisation projects',
			definitionDe:
				'Anteil der im Quartal erreichten Projektmeilensteine, die zum geplanten Termin erreicht wurden, an allen im Quartal fälligen Meilensteinen von Organisations- und E-Government-Projekten.',
			definitionEn:
				'Milestones of organisation and e-government projects reached on the planned date as a share of all milestones due in the quarter.',
			unit: 'percent',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Projektportfolio-Controlling',
			plausibleChangePercent: 60,
			perspective: 'customers',
			objective: 'Projekte verlässlich für die Fachbereiche umsetzen',
			demo: { level: 72, spread: 0.12, trend: 0.003, noise: 0.08 }
		},
		{
			code: 'GPO-STUNDEN',
			nameDe: 'Eingesparte Arbeitsstunden durch Prozessoptimierung',
			nameEn: 'Working hours saved by process optimisation',
			definitionDe:
				'Summe der im Quartal durch umgesetzte Optimierungsmaßnahmen rechnerisch eingesparten Arbeitsstunden, ermittelt nach der gemeinsamen Bewertungsmethode.',
			definitionEn:
				'Working hours saved in the quarter by implemented optimisation measures, calculated by the common appraisal method.',
			unit: 'hours',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Maßnahmencontrolling Organisation',
			plausibleChangePercent: 100,
			perspective: 'finance',
			objective: 'Wirtschaftlichkeitseffekte nachweisen',
			demo: { level: 900, spread: 0.35, trend: 0.03, noise: 0.15, scalesWithPopulation: true }
		},
		{
			code: 'GPO-STANDARD',
			nameDe: 'Anteil nach gemeinsamem Standard modellierter Prozesse',
			nameEn: 'Share of processes modelled to the common standard',
			definitionDe:
				'Anteil der nach dem gemeinsamen Modellierungsstandard (BPMN-Konventionen der Prozessbibliothek) dokumentierten Prozesse an allen dokumentierten Prozessen der Stadt, Stand Quartalsende.',
			definitionEn:
				"Processes documented to the common modelling standard (the library's BPMN conventions) as a share of all the city's documented processes, at the end of the quarter.",
			unit: 'percent',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'Prozessbibliothek (Modellierungswerkzeug)',
			plausibleChangePercent: 30,
			perspective: 'processes',
			objective: 'Methoden und Werkzeuge vereinheitlichen',
			demo: { level: 42, spread: 0.3, trend: 0.05, noise: 0.02 }
		},
		{
			code: 'GPO-PM-ZERT',
			nameDe: 'Zertifizierte Prozessmanagerinnen und -manager',
			nameEn: 'Certified process managers',
			definitionDe:
				'Anzahl der Beschäftigten mit abgeschlossener Qualifizierung als Prozessmanagerin oder Prozessmanager nach dem gemeinsamen Curriculum, Stand Quartalsende.',
			definitionEn:
				'Employees who completed the process manager qualification under the common curriculum, at the end of the quarter.',
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'Fortbildungsverwaltung',
			plausibleChangePercent: 50,
			perspective: 'staff',
			objective: 'Methodenkompetenz aufbauen',
			demo: { level: 8, spread: 0.35, trend: 0.03, noise: 0.02, scalesWithPopulation: true }
		}
	]),
	...field('einkauf-vergabe-beschaffung', [
		{
			code: 'EVB-BUENDEL',
			nameDe: 'Anteil des Beschaffungsvolumens aus Bündelausschreibungen',
			nameEn: 'Share of procurement volume from bundled tenders',
			definitionDe:
				'Auftragswert der im Quartal über Bündelausschreibungen (EKV eG oder interkommunal) vergebenen Liefer- und Dienstleistungen geteilt durch den gesamten Auftragswert der im Quartal vergebenen Liefer- und Dienstleistungen, in Prozent.',
			definitionEn:
				'Contract value of supplies and services awarded through bundled tenders (EKV eG or inter-municipal) in the quarter divided by the total contract value of supplies and services awarded in the quarter, in percent.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Vergabestatistik / Vergabemanagementsystem',
			plausibleChangePercent: 60,
			perspective: 'mandate',
			objective: 'Beschaffung interkommunal bündeln',
			demo: { level: 18, spread: 0.35, trend: 0.035, noise: 0.1 }
		},
		{
			code: 'EVB-EVERGABE',
			nameDe: 'Anteil elektronisch abgewickelter Vergabeverfahren',
			nameEn: 'Share of tenders conducted electronically',
			definitionDe:
				'Anteil der vollständig über die e-Vergabe-Plattform abgewickelten Vergabeverfahren (Bekanntmachung bis Zuschlag) an allen im Quartal abgeschlossenen Vergabeverfahren.',
			definitionEn:
				'Tender procedures conducted entirely on the e-procurement platform (notice to award) as a share of all procedures completed in the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Vergabemanagementsystem',
			plausibleChangePercent: 25,
			perspective: 'customers',
			objective: 'Bieterfreundliche e-Vergabe anbieten',
			demo: { level: 90, spread: 0.06, trend: 0.004, noise: 0.015 }
		},
		{
			code: 'EVB-EKV-EINSPAR',
			nameDe: 'Einsparungen durch Bündelausschreibungen der EKV eG',
			nameEn: 'Savings from bundled tenders via EKV eG',
			definitionDe:
				'Differenz zwischen dem Preis des letzten Einzelvergabe- bzw. Referenzpreises und dem Preis aus der Bündelausschreibung der EKV eG, multipliziert mit der im Quartal abgerufenen Menge, in Euro.',
			definitionEn:
				'Difference between the last single-tender or reference price and the price from the EKV eG bundled tender, multiplied by the quantity called off in the quarter, in euro.',
			unit: 'euro',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'sum',
			source: 'Abrufstatistik EKV eG, Preisvergleich Vergabestelle',
			plausibleChangePercent: 150,
			perspective: 'finance',
			objective: 'Einkaufsvorteile durch Bündelung nutzen',
			demo: {
				level: 85_000,
				spread: 0.35,
				trend: 0.03,
				noise: 0.2,
				scalesWithPopulation: true,
				seasonality: [0.8, 1.0, 0.9, 1.3]
			}
		},
		{
			code: 'EVB-VERF-DAUER',
			nameDe: 'Dauer offener Vergabeverfahren',
			nameEn: 'Duration of open tender procedures',
			definitionDe:
				'Durchschnittliche Anzahl der Kalendertage von der Bedarfsmeldung an die Vergabestelle bis zum Zuschlag, über alle im Quartal bezuschlagten offenen Verfahren bzw. öffentlichen Ausschreibungen.',
			definitionEn:
				'Average calendar days from the requirement notice to the procurement office until the award, over all open procedures awarded in the quarter.',
			unit: 'days',
			decimals: 0,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Vergabemanagementsystem',
			perspective: 'processes',
			objective: 'Vergabeverfahren beschleunigen',
			demo: { level: 88, spread: 0.2, trend: -0.006, noise: 0.08 }
		},
		{
			code: 'EVB-RUEGE',
			nameDe: 'Rüge- und Nachprüfungsquote',
			nameEn: 'Complaint and review rate',
			definitionDe:
				'Anzahl der im Quartal eingegangenen Rügen und Nachprüfungsanträge geteilt durch die Anzahl der im Quartal abgeschlossenen Vergabeverfahren, in Prozent.',
			definitionEn:
				'Complaints and review applications received in the quarter divided by tender procedures completed in the quarter, in percent.',
			unit: 'percent',
			decimals: 2,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Vergabestelle, Rechtsamt',
			plausibleChangePercent: 300,
			perspective: 'processes',
			objective: 'Rechtssichere Vergaben gewährleisten',
			demo: { level: 2.2, spread: 0.35, trend: -0.004, noise: 0.25 }
		},
		{
			code: 'EVB-ZERT',
			nameDe: 'Anteil zertifizierter Vergabefachkräfte',
			nameEn: 'Share of certified procurement officers',
			definitionDe:
				'Anteil der Beschäftigten der Vergabestelle mit abgeschlossener Vergabe-Zertifizierung an allen Beschäftigten der Vergabestelle, Stand Quartalsende.',
			definitionEn:
				'Procurement office staff with a completed procurement certification as a share of all procurement office staff, at the end of the quarter.',
			unit: 'percent',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'Fortbildungsverwaltung',
			plausibleChangePercent: 25,
			perspective: 'staff',
			objective: 'Vergabekompetenz stärken',
			demo: { level: 60, spread: 0.15, trend: 0.008, noise: 0.015 }
		}
	]),
	...field('elektronische-antragsverfahren', [
		{
			code: 'EAV-LEISTUNGEN',
			nameDe: 'Online verfügbare Verwaltungsleistungen',
			nameEn: 'Administrative services available online',
			definitionDe:
				'Anzahl der Verwaltungsleistungen der Stadt, die vollständig online beantragt werden können (OZG-Reifegrad 3 oder höher), Stand Quartalsende.',
			definitionEn:
				"The city's administrative services that can be applied for fully online (OZG maturity level 3 or higher), at the end of the quarter.",
			unit: 'count',
			decimals: 0,
			polarity: 'higher_is_better',
			aggregation: 'last',
			source: 'OZG-Dashboard / Leistungskatalog der Stadt',
			plausibleChangePercent: 40,
			perspective: 'mandate',
			objective: 'Verwaltungsleistungen online anbieten',
			demo: { level: 140, spread: 0.25, trend: 0.03, noise: 0.01 }
		},
		{
			code: 'EAV-ONLINEQUOTE',
			nameDe: 'Online-Antragsquote',
			nameEn: 'Online application rate',
			definitionDe:
				'Anteil der online eingegangenen Anträge an allen im Quartal eingegangenen Anträgen für Leistungen, die auch online angeboten werden.',
			definitionEn:
				'Applications received online as a share of all applications received in the quarter for services that are also offered online.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Antragsplattform, Fachverfahren',
			plausibleChangePercent: 40,
			perspective: 'customers',
			objective: 'Online-Antrag zur ersten Wahl machen',
			demo: { level: 31, spread: 0.25, trend: 0.035, noise: 0.04 }
		},
		{
			code: 'EAV-KOST-ANTRAG',
			nameDe: 'Prozesskosten je Online-Antrag',
			nameEn: 'Process cost per online application',
			definitionDe:
				'Personal-, Plattform- und Betriebskosten der Online-Antragsverfahren im Quartal in Euro geteilt durch die Zahl der im Quartal eingegangenen Online-Anträge.',
			definitionEn:
				'Staff, platform and operating cost of online application procedures in the quarter in euro divided by the number of online applications received in the quarter.',
			unit: 'euro',
			decimals: 2,
			polarity: 'lower_is_better',
			aggregation: 'mean',
			denominator: 'per_case',
			source: 'Kosten- und Leistungsrechnung, Antragsplattform',
			plausibleChangePercent: 40,
			perspective: 'finance',
			objective: 'Aufwand je Antrag senken',
			demo: { level: 11, spread: 0.2, trend: -0.012, noise: 0.05, casesPer1000: 45 }
		},
		{
			code: 'EAV-EID',
			nameDe: 'Nutzungsquote der eID-Funktion',
			nameEn: 'eID usage rate',
			definitionDe:
				'Anteil der mit der eID-Funktion des Personalausweises (nPA) oder der BundID authentifizierten Online-Anträge an allen im Quartal eingegangenen Online-Anträgen.',
			definitionEn:
				'Online applications authenticated with the eID function of the ID card (nPA) or BundID as a share of all online applications received in the quarter.',
			unit: 'percent',
			polarity: 'higher_is_better',
			aggregation: 'mean',
			source: 'Antragsplattform (Authentifizierungsprotokoll)',
			plausibleChangePercent: 40,
			perspective: 'processes',
			objective: 'Medienbruchfreie Verfahren mit eID umsetzen',
			demo: { level: 24, spread: 0.3, trend: 0.045, noise: 0.05 }
		},
		{
			code: 'EAV-DURCHLAUF',
			nameDe: 'Durchlaufzeit Online-Anträge',
			nameEn: 'Throughput time of online applications',
			definitionDe:
				'Durchschnittliche Anzahl der Kalendertage zwischen Eingang eines Online-Antrags und Bescheid bzw. Leistungserbringung, über alle im Quartal erledigten Online-Anträge.',
			definitionEn:
				'Average calendar days between receipt of an online application and the decision or service delivery, over all online applications completed in the quarter.',
			unit: 'days',
			polarity: 'lower_is_better',
			aggregation: 'mean',
			source: 'Antragsplattform, Fachverfahren',
			perspective: 'processes',
			objective: 'Medienbruchfreie Verfahren mit eID umsetzen',
			demo: { level: 6.5, spread: 0.3, trend: -0.01, noise: 0.1 }
		}
	])
];

export function catalogueKpi(code: string): CatalogueKpi | undefined {
	return catalogue.find((k) => k.code === code);
}
