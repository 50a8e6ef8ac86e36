import { and, eq, inArray, sql } from 'drizzle-orm';
import { fieldParticipants, pilotGates, pilotLines, pilotPartners, pilots } from '../db/schema';
import type { Db } from '../db/types';
import { isUniqueViolation } from '../db/errors';
import { recordAudit } from '../auth/audit';
import {
	allocationProblems,
	settingsProblems,
	type PilotProblem
} from '$lib/domain/pilots/validation';
import type { CriteriaProblem } from '$lib/domain/pilots/strategic';
import type { AllocationKey } from '$lib/domain/pilots/types';
import type { PartnerBasis } from '$lib/domain/pilots/allocation';
import { claimHolds } from '$lib/domain/entry/version-claim';
import { lockPilot } from './lock';

/**
 * Writes of the pilot pages. Each runs in one transaction with its audit entry; settings and
 * deletions check the version the person saw (optimistic locking), every write bumps it. A
 * refusal writes nothing and names the problem with a stable code.
 */

export type Refusal =
	| PilotProblem
	| CriteriaProblem
	| { code: 'not_found' }
	| { code: 'stale' }
	| { code: 'title_taken' }
	| { code: 'city_not_participant' }
	| { code: 'lines_outside'; years: number[] }
	| { code: 'partners_break_key' }
	| { code: 'kpi_not_shared' };

export type WriteResult<T = object> = ({ ok: true } & T) | { ok: false; refusal: Refusal };

const refuse = (refusal: Refusal) => ({ ok: false as const, refusal });

type PilotStatus = 'idea' | 'planned' | 'running' | 'completed' | 'stopped';

export interface PilotSettings {
	status: PilotStatus;
	startYear: number;
	endYear: number;
	allocationKey: AllocationKey;
	ratePercent: number;
	baseYear: number | null;
}

const dates = (s: { startYear: number; endYear: number }) => ({
	startsOn: `${s.startYear}-01-01`,
	endsOn: `${s.endYear}-12-31`
});

export async function createPilot(
	db: Db,
	input: PilotSettings & {
		actorUserId: number;
		fieldId: number;
		title: string;
		description: string;
		leadOrganisationId: number;
		partnerIds: number[];
	}
): Promise<WriteResult<{ id: number }>> {
	// The lead city always takes part; duplicates from the form collapse.
	const partnerIds = [...new Set([input.leadOrganisationId, ...input.partnerIds])];
	const [invalid] = settingsProblems(input);
	if (invalid) return refuse(invalid);
	try {
		return await db.transaction(async (tx) => {
			const members = await tx
				.select({ id: fieldParticipants.organisationId })
				.from(fieldParticipants)
				.where(
					and(
						eq(fieldParticipants.fieldId, input.fieldId),
						inArray(fieldParticipants.organisationId, partnerIds)
					)
				);
			if (members.length !== partnerIds.length) return refuse({ code: 'city_not_participant' });
			const [pilot] = await tx
				.insert(pilots)
				.values({
					fieldId: input.fieldId,
					leadOrganisationId: input.leadOrganisationId,
					title: input.title,
					description: input.description,
					status: input.status,
					...dates(input),
					allocationKey: input.allocationKey,
					discountRatePercent: input.ratePercent.toFixed(2),
					baseYear: input.baseYear
				})
				.onConflictDoNothing()
				.returning({ id: pilots.id });
			if (!pilot) return refuse({ code: 'title_taken' });
			await tx
				.insert(pilotPartners)
				.values(partnerIds.map((organisationId) => ({ pilotId: pilot.id, organisationId })));
			await recordAudit(tx, {
				userId: input.actorUserId,
				action: 'pilot.create',
				entity: 'pilot',
				entityId: String(pilot.id),
				after: { title: input.title, partnerIds }
			});
			return { ok: true as const, id: pilot.id };
		});
	} catch (e) {
		if (isUniqueViolation(e)) return refuse({ code: 'title_taken' });
		throw e;
	}
}

export interface PartnerInput {
	organisationId: number;
	caseCount: number | null;
	/** Decimal text with up to two places, or null. */
	sharePercent: string | null;
}

/** Years, discounting, status and the key with the partners' cases and fixed shares. */
export async function saveSettings(
	db: Db,
	input: PilotSettings & {
		actorUserId: number;
		fieldId: number;
		pilotId: number;
		version: number;
		partners: PartnerInput[];
	}
): Promise<WriteResult> {
	const [invalid] = settingsProblems(input);
	if (invalid) return refuse(invalid);
	return db.transaction(async (tx) => {
		const pilot = await lockPilot(tx, input.fieldId, input.pilotId);
		if (!pilot) return refuse({ code: 'not_found' });
		if (!claimHolds(input.version, pilot)) return refuse({ code: 'stale' });
		const current = await tx
			.select({ id: pilotPartners.organisationId })
			.from(pilotPartners)
			.where(eq(pilotPartners.pilotId, pilot.id));
		const partnerIds = current.map((p) => p.id);
		const stranger = input.partners.find((p) => !partnerIds.includes(p.organisationId));
		if (stranger)
			return refuse({ code: 'city_not_partner', organisationId: stranger.organisationId });
		const basis: PartnerBasis[] = input.partners.map((p) => ({
			organisationId: p.organisationId,
			inhabitants: 1,
			cases: p.caseCount,
			sharePercent: p.sharePercent
		}));
		// Inhabitants come from the population table, not the form: never missing here.
		const [problem] = allocationProblems(input.allocationKey, basis);
		if (problem) return refuse(problem);
		const outside = await tx
			.selectDistinct({ year: pilotLines.year })
			.from(pilotLines)
			.where(
				and(
					eq(pilotLines.pilotId, pilot.id),
					sql`(${pilotLines.year} < ${input.startYear} or ${pilotLines.year} > ${input.endYear})`
				)
			);
		if (outside.length > 0)
			return refuse({ code: 'lines_outside', years: outside.map((r) => r.year).sort() });
		await tx
			.update(pilots)
			.set({
				status: input.status,
				...dates(input),
				allocationKey: input.allocationKey,
				discountRatePercent: input.ratePercent.toFixed(2),
				baseYear: input.baseYear,
				version: sql`${pilots.version} + 1`,
				updatedAt: new Date()
			})
			.where(eq(pilots.id, pilot.id));
		for (const p of input.partners)
			await tx
				.update(pilotPartners)
				.set({ caseCount: p.caseCount, sharePercent: p.sharePercent })
				.where(
					and(
						eq(pilotPartners.pilotId, pilot.id),
						eq(pilotPartners.organisationId, p.organisationId)
					)
				);
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'pilot.settings',
			entity: 'pilot',
			entityId: String(pilot.id),
			after: { ...input, actorUserId: undefined }
		});
		return { ok: true as const };
	});
}

/** Gate decisions are only ever added: the history is the record of the working group. */
export async function recordGate(
	db: Db,
	input: {
		actorUserId: number;
		fieldId: number;
		pilotId: number;
		criterion:
			'konkretisierung' | 'machbarkeit' | 'wirtschaftlichkeit' | 'akzeptanz' | 'projektplanung';
		rating: number;
		decision: 'go' | 'revise' | 'stop';
		decidedOn: string;
		evidence: string;
	}
): Promise<WriteResult> {
	return db.transaction(async (tx) => {
		const pilot = await lockPilot(tx, input.fieldId, input.pilotId);
		if (!pilot) return refuse({ code: 'not_found' });
		const gate = {
			criterion: input.criterion,
			rating: input.rating,
			decision: input.decision,
			decidedOn: input.decidedOn,
			evidence: input.evidence
		};
		await tx
			.insert(pilotGates)
			.values({ pilotId: pilot.id, decidedByUserId: input.actorUserId, ...gate });
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'pilot.gate',
			entity: 'pilot',
			entityId: String(pilot.id),
			after: gate
		});
		return { ok: true as const };
	});
}
