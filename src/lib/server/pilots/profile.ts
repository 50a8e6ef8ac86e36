import { and, eq, inArray, isNull } from 'drizzle-orm';
import { fieldParticipants, kpis, pilotKpis, pilotPartners, pilots } from '../db/schema';
import type { Db } from '../db/types';
import { recordAudit } from '../auth/audit';
import { allocationProblems } from '$lib/domain/pilots/validation';
import { claimHolds } from '$lib/domain/entry/version-claim';
import { lockPilot } from './lock';
import { isUniqueViolation } from '../db/errors';
import type { Refusal, WriteResult } from './write';

/**
 * What a pilot is: title, description, lead, partner cities and the KPIs it should move. One
 * transaction with the version check; partners that stay keep their cases and fixed shares.
 */

const refuse = (refusal: Refusal) => ({ ok: false as const, refusal });

export interface KpiEffectInput {
	kpiId: number;
	/** Decimal text with up to two places, or null for a note without a figure. */
	expectedChangePercent: string | null;
	note: string;
}

export interface ProfileInput {
	actorUserId: number;
	fieldId: number;
	pilotId: number;
	version: number;
	title: string;
	description: string;
	leadOrganisationId: number;
	partnerIds: number[];
	effects: KpiEffectInput[];
}

export async function saveProfile(db: Db, input: ProfileInput): Promise<WriteResult> {
	const partnerIds = [...new Set([input.leadOrganisationId, ...input.partnerIds])];
	try {
		return await db.transaction(async (tx) => {
			const pilot = await lockPilot(tx, input.fieldId, input.pilotId);
			if (!pilot) return refuse({ code: 'not_found' });
			if (!claimHolds(input.version, pilot)) return refuse({ code: 'stale' });
			const kpiIds = [...new Set(input.effects.map((e) => e.kpiId))];
			const [members, current, shared] = await Promise.all([
				tx
					.select({ id: fieldParticipants.organisationId })
					.from(fieldParticipants)
					.where(
						and(
							eq(fieldParticipants.fieldId, input.fieldId),
							inArray(fieldParticipants.organisationId, partnerIds)
						)
					),
				tx
					.select({
						organisationId: pilotPartners.organisationId,
						caseCount: pilotPartners.caseCount,
						sharePercent: pilotPartners.sharePercent
					})
					.from(pilotPartners)
					.where(eq(pilotPartners.pilotId, pilot.id)),
				kpiIds.length === 0
					? Promise.resolve([])
					: tx
							.select({ id: kpis.id })
							.from(kpis)
							.where(
								and(
									inArray(kpis.id, kpiIds),
									eq(kpis.fieldId, input.fieldId),
									isNull(kpis.ownerOrganisationId)
								)
							)
			]);
			if (members.length !== partnerIds.length) return refuse({ code: 'city_not_participant' });
			if (shared.length !== kpiIds.length) return refuse({ code: 'kpi_not_shared' });
			const kept = new Map(current.map((p) => [p.organisationId, p]));
			const basis = partnerIds.map((organisationId) => ({
				organisationId,
				// Inhabitants come from the population table, as in the settings.
				inhabitants: 1,
				cases: kept.get(organisationId)?.caseCount ?? null,
				sharePercent: kept.get(organisationId)?.sharePercent ?? null
			}));
			if (allocationProblems(pilot.allocationKey, basis).length > 0)
				return refuse({ code: 'partners_break_key' });

			await tx
				.update(pilots)
				.set({
					title: input.title,
					description: input.description,
					leadOrganisationId: input.leadOrganisationId,
					version: pilot.version + 1,
					updatedAt: new Date()
				})
				.where(eq(pilots.id, pilot.id));
			const removed = current.filter((p) => !partnerIds.includes(p.organisationId));
			if (removed.length > 0)
				await tx.delete(pilotPartners).where(
					and(
						eq(pilotPartners.pilotId, pilot.id),
						inArray(
							pilotPartners.organisationId,
							removed.map((p) => p.organisationId)
						)
					)
				);
			const added = partnerIds.filter((id) => !kept.has(id));
			if (added.length > 0)
				await tx
					.insert(pilotPartners)
					.values(added.map((organisationId) => ({ pilotId: pilot.id, organisationId })));
			await tx.delete(pilotKpis).where(eq(pilotKpis.pilotId, pilot.id));
			if (input.effects.length > 0)
				await tx.insert(pilotKpis).values(
					input.effects.map((e) => ({
						pilotId: pilot.id,
						kpiId: e.kpiId,
						expectedChangePercent: e.expectedChangePercent,
						note: e.note
					}))
				);
			await recordAudit(tx, {
				userId: input.actorUserId,
				action: 'pilot.profile',
				entity: 'pilot',
				entityId: String(pilot.id),
				before: { title: pilot.title, partnerIds: current.map((p) => p.organisationId) },
				after: {
					title: input.title,
					leadOrganisationId: input.leadOrganisationId,
					partnerIds,
					effects: input.effects
				}
			});
			return { ok: true as const };
		});
	} catch (e) {
		if (isUniqueViolation(e)) return refuse({ code: 'title_taken' });
		throw e;
	}
}
