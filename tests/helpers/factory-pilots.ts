import {
	pilotKpis,
	pilotLines,
	pilotPartners,
	pilots,
	strategicCriteria
} from '../../src/lib/server/db/schema';
import type { DbOrTx } from '../../src/lib/server/db/types';

/** The criteria a field judges its pilots by, in the given order. */
export async function createCriteria(
	db: DbOrTx,
	fieldId: number,
	criteria: { name: string; weight: number }[]
) {
	return db
		.insert(strategicCriteria)
		.values(criteria.map((c, i) => ({ fieldId, ...c, sortOrder: i + 1 })))
		.returning();
}

type Line = [
	year: number,
	kind: 'investment' | 'operating' | 'benefit',
	scenario: 'planned' | 'actual',
	euro: number
];

/**
 * A pilot as the working group left it: partners (the lead among them), linked KPIs and lines,
 * written straight to the tables (the write path has tests of its own). Discount rate 0 % unless
 * given, so a test's expected figures are plain sums.
 */
export async function createPilotRecord(
	db: DbOrTx,
	fields: {
		fieldId: number;
		title: string;
		leadOrganisationId: number;
		status?: 'idea' | 'planned' | 'running' | 'completed' | 'stopped';
		startsOn: string;
		endsOn: string;
		allocationKey?: 'equal' | 'per_inhabitant' | 'per_case' | 'fixed';
		discountRatePercent?: string;
		partners: { organisationId: number; caseCount?: number }[];
		kpis?: { kpiId: number; expectedChangePercent: string }[];
		lines?: Line[];
	}
) {
	const [pilot] = await db
		.insert(pilots)
		.values({
			fieldId: fields.fieldId,
			leadOrganisationId: fields.leadOrganisationId,
			title: fields.title,
			status: fields.status ?? 'running',
			startsOn: fields.startsOn,
			endsOn: fields.endsOn,
			allocationKey: fields.allocationKey ?? 'equal',
			discountRatePercent: fields.discountRatePercent ?? '0.00',
			baseYear: Number(fields.startsOn.slice(0, 4))
		})
		.returning();
	const pilotId = pilot!.id;
	await db.insert(pilotPartners).values(
		fields.partners.map((p) => ({
			pilotId,
			organisationId: p.organisationId,
			caseCount: p.caseCount ?? null
		}))
	);
	if (fields.kpis?.length)
		await db.insert(pilotKpis).values(fields.kpis.map((k) => ({ pilotId, ...k })));
	if (fields.lines?.length)
		await db.insert(pilotLines).values(
			fields.lines.map(([year, kind, scenario, euro]) => ({
				pilotId,
				year,
				kind,
				scenario,
				amountEuro: euro.toFixed(2)
			}))
		);
	return pilot!;
}
