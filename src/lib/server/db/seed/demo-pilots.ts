import { eq } from 'drizzle-orm';
import {
	pilotCriterionScores,
	pilotGates,
	pilotKpis,
	pilotLines,
	pilotPartners,
	pilots,
	strategicCriteria,
	users
} from '../schema';
import type { Tx } from '../types';
import { required, type ReferenceIds } from './util';

type Line = [
	year: number,
	kind: 'investment' | 'operating' | 'benefit',
	scenario: 'planned' | 'actual',
	euro: number,
	budgetRelevant: boolean,
	label: string
];

interface DemoPilot {
	field: string;
	title: string;
	description: string;
	lead: string;
	status: 'idea' | 'planned' | 'running' | 'completed' | 'stopped';
	startsOn: string;
	endsOn: string;
	allocationKey: 'equal' | 'per_inhabitant' | 'per_case' | 'fixed';
	partners: { city: string; cases?: number }[];
	kpis: { code: string; expectedChangePercent: string; note: string }[];
	lines: Line[];
	scores: number[];
	gate?: { criterion: 'machbarkeit'; rating: number; decision: 'go'; evidence: string };
}

/** Criteria every demo field judges its pilots by (weights sum to 100). */
const demoCriteria = [
	{ name: 'Strategische Bedeutung', weight: 30 },
	{ name: 'Nutzen für Bürgerinnen und Bürger', weight: 30 },
	{ name: 'Übertragbarkeit auf weitere Städte', weight: 20 },
	{ name: 'Geringes Umsetzungsrisiko', weight: 20 }
];

/**
 * Two pilots that show what the appraisal does: a running one with actual figures next to the
 * plan (Beihilfe, split per case) and a planned one split per inhabitant (D115).
 */
export const demoPilots: DemoPilot[] = [
	{
		field: 'beihilfe',
		title: 'Gemeinsame Beihilfebearbeitung',
		description:
			'Köln bearbeitet als federführende Stadt die Beihilfeanträge von drei Partnerstädten in einer gemeinsamen Sachbearbeitung.',
		lead: 'koeln',
		status: 'running',
		startsOn: '2025-01-01',
		endsOn: '2028-12-31',
		allocationKey: 'per_case',
		partners: [
			{ city: 'koeln', cases: 42_000 },
			{ city: 'duesseldorf', cases: 31_000 },
			{ city: 'wuppertal', cases: 17_000 },
			{ city: 'muelheim-an-der-ruhr', cases: 8_000 }
		],
		kpis: [
			{ code: 'BH-DAUER', expectedChangePercent: '-20', note: 'In den Partnerstädten' },
			{ code: 'BH-KOSTEN-EW', expectedChangePercent: '-10', note: '' }
		],
		lines: [
			[2025, 'investment', 'planned', 250_000, true, 'Fachverfahren, Migration'],
			[2025, 'operating', 'planned', 60_000, true, 'Betrieb'],
			[2026, 'operating', 'planned', 120_000, true, 'Betrieb'],
			[2026, 'benefit', 'planned', 210_000, true, 'Personalkosten'],
			[2027, 'operating', 'planned', 120_000, true, 'Betrieb'],
			[2027, 'benefit', 'planned', 320_000, true, 'Personalkosten'],
			[2027, 'benefit', 'planned', 40_000, false, 'Kürzere Bearbeitungszeit'],
			[2028, 'operating', 'planned', 120_000, true, 'Betrieb'],
			[2028, 'benefit', 'planned', 330_000, true, 'Personalkosten'],
			[2028, 'benefit', 'planned', 40_000, false, 'Kürzere Bearbeitungszeit'],
			[2025, 'investment', 'actual', 280_000, true, 'Fachverfahren, Migration'],
			[2025, 'operating', 'actual', 55_000, true, 'Betrieb'],
			[2026, 'operating', 'actual', 125_000, true, 'Betrieb'],
			[2026, 'benefit', 'actual', 180_000, true, 'Personalkosten']
		],
		scores: [8, 7, 9, 6],
		gate: {
			criterion: 'machbarkeit',
			rating: 8,
			decision: 'go',
			evidence: 'Fachverfahren in Köln ist mandantenfähig; Testbetrieb mit Düsseldorf erfolgreich.'
		}
	},
	{
		field: 'service-center-d115',
		title: 'Gemeinsames D115-Servicecenter',
		description:
			'Essen betreibt ein gemeinsames Servicecenter, das die D115-Anrufe von vier weiteren Städten annimmt.',
		lead: 'essen',
		status: 'planned',
		startsOn: '2026-01-01',
		endsOn: '2029-12-31',
		allocationKey: 'per_inhabitant',
		partners: [
			{ city: 'essen' },
			{ city: 'bochum' },
			{ city: 'gelsenkirchen' },
			{ city: 'hagen' },
			{ city: 'hamm' }
		],
		kpis: [{ code: 'D115-SL30', expectedChangePercent: '10', note: 'Servicelevel 75/30' }],
		lines: [
			[2026, 'investment', 'planned', 400_000, true, 'Telefonie, Wissensdatenbank'],
			[2026, 'operating', 'planned', 150_000, true, 'Betrieb'],
			[2027, 'operating', 'planned', 300_000, true, 'Betrieb'],
			[2027, 'benefit', 'planned', 420_000, true, 'Eingesparte Stellen'],
			[2028, 'operating', 'planned', 300_000, true, 'Betrieb'],
			[2028, 'benefit', 'planned', 480_000, true, 'Eingesparte Stellen'],
			[2028, 'benefit', 'planned', 60_000, false, 'Entlastung der Fachämter'],
			[2029, 'operating', 'planned', 300_000, true, 'Betrieb'],
			[2029, 'benefit', 'planned', 500_000, true, 'Eingesparte Stellen'],
			[2029, 'benefit', 'planned', 60_000, false, 'Entlastung der Fachämter'],
			[2026, 'investment', 'actual', 180_000, true, 'Telefonie (1. Tranche)']
		],
		scores: [7, 8, 8, 5]
	}
];

const FIELD_LEAD_EMAIL = 'feldleitung.d115@demo.ikz-nrw.de';

export async function seedDemoPilots(tx: Tx, ids: ReferenceIds): Promise<void> {
	const org = (slug: string) => required(ids.organisations, slug, 'organisation');
	const [author] = await tx
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, FIELD_LEAD_EMAIL));
	for (const demo of demoPilots) {
		const fieldId = required(ids.fields, demo.field, 'field');
		await tx
			.insert(strategicCriteria)
			.values(demoCriteria.map((c, i) => ({ fieldId, ...c, sortOrder: i + 1 })))
			.onConflictDoNothing();
		const [pilot] = await tx
			.insert(pilots)
			.values({
				fieldId,
				leadOrganisationId: org(demo.lead),
				title: demo.title,
				description: demo.description,
				status: demo.status,
				startsOn: demo.startsOn,
				endsOn: demo.endsOn,
				allocationKey: demo.allocationKey,
				discountRatePercent: '3.00',
				baseYear: Number(demo.startsOn.slice(0, 4))
			})
			.onConflictDoNothing()
			.returning({ id: pilots.id });
		// An existing pilot keeps whatever the working group has made of it.
		if (!pilot) continue;
		await tx.insert(pilotPartners).values(
			demo.partners.map((p) => ({
				pilotId: pilot.id,
				organisationId: org(p.city),
				caseCount: p.cases ?? null
			}))
		);
		await tx.insert(pilotKpis).values(
			demo.kpis.map((k) => ({
				pilotId: pilot.id,
				kpiId: required(ids.kpis, k.code, 'KPI'),
				expectedChangePercent: k.expectedChangePercent,
				note: k.note
			}))
		);
		await tx.insert(pilotLines).values(
			demo.lines.map(([year, kind, scenario, euro, budgetRelevant, label]) => ({
				pilotId: pilot.id,
				year,
				kind,
				scenario,
				amountEuro: euro.toFixed(2),
				budgetRelevant,
				label
			}))
		);
		const criteria = await tx
			.select({ id: strategicCriteria.id, name: strategicCriteria.name })
			.from(strategicCriteria)
			.where(eq(strategicCriteria.fieldId, fieldId));
		await tx.insert(pilotCriterionScores).values(
			demoCriteria.flatMap((c, i) => {
				const row = criteria.find((r) => r.name === c.name);
				const points = demo.scores[i];
				return row && points !== undefined
					? [{ pilotId: pilot.id, criterionId: row.id, points }]
					: [];
			})
		);
		if (demo.gate && author)
			await tx.insert(pilotGates).values({
				pilotId: pilot.id,
				...demo.gate,
				decidedOn: '2025-03-15',
				decidedByUserId: author.id
			});
	}
}
