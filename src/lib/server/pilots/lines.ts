import { and, eq } from 'drizzle-orm';
import { pilotLines } from '../db/schema';
import type { Db } from '../db/types';
import { recordAudit } from '../auth/audit';
import { lineProblems } from '$lib/domain/pilots/validation';
import { centsToDecimal } from '$lib/domain/pilots/summary';
import type { LineKind, Scenario } from '$lib/domain/pilots/types';
import { pilotFrame } from './queries';
import { claimHolds } from '$lib/domain/entry/version-claim';
import { bumpPilotVersion, lockPilot } from './lock';
import type { Refusal, WriteResult } from './write';

/**
 * The yearly planned and actual lines of a pilot: add, change in place, delete. Each write
 * locks the pilot row, checks the year lies within the pilot's years and bumps the version;
 * changes and deletions name the version the person saw.
 */

const refuse = (refusal: Refusal) => ({ ok: false as const, refusal });

export interface LineInput {
	year: number;
	scenario: Scenario;
	kind: LineKind;
	amountCents: number;
	budgetRelevant: boolean;
	label: string;
}

interface Actor {
	actorUserId: number;
	fieldId: number;
	pilotId: number;
}

/** Only the years: the refusal names them and nothing else of the pilot. */
const yearsOf = (pilot: Parameters<typeof pilotFrame>[0]) => {
	const { startYear, endYear } = pilotFrame(pilot);
	return { startYear, endYear };
};

const lineValues = (input: LineInput) => ({
	year: input.year,
	scenario: input.scenario,
	kind: input.kind,
	amountEuro: centsToDecimal(input.amountCents),
	budgetRelevant: input.budgetRelevant,
	label: input.label
});

export async function addLine(db: Db, input: Actor & LineInput): Promise<WriteResult> {
	return db.transaction(async (tx) => {
		const pilot = await lockPilot(tx, input.fieldId, input.pilotId);
		if (!pilot) return refuse({ code: 'not_found' });
		const [problem] = lineProblems(input.year, yearsOf(pilot));
		if (problem) return refuse(problem);
		const [line] = await tx
			.insert(pilotLines)
			.values({ pilotId: pilot.id, ...lineValues(input) })
			.returning({ id: pilotLines.id });
		await bumpPilotVersion(tx, pilot.id);
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'pilot.line.add',
			entity: 'pilot',
			entityId: String(pilot.id),
			after: {
				lineId: line?.id,
				year: input.year,
				kind: input.kind,
				scenario: input.scenario,
				amountCents: input.amountCents
			}
		});
		return { ok: true as const };
	});
}

export async function updateLine(
	db: Db,
	input: Actor & LineInput & { lineId: number; version: number }
): Promise<WriteResult> {
	return db.transaction(async (tx) => {
		const pilot = await lockPilot(tx, input.fieldId, input.pilotId);
		if (!pilot) return refuse({ code: 'not_found' });
		if (!claimHolds(input.version, pilot)) return refuse({ code: 'stale' });
		const [problem] = lineProblems(input.year, yearsOf(pilot));
		if (problem) return refuse(problem);
		const [before] = await tx
			.select()
			.from(pilotLines)
			.where(and(eq(pilotLines.id, input.lineId), eq(pilotLines.pilotId, pilot.id)));
		if (!before) return refuse({ code: 'stale' });
		await tx.update(pilotLines).set(lineValues(input)).where(eq(pilotLines.id, before.id));
		await bumpPilotVersion(tx, pilot.id);
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'pilot.line.update',
			entity: 'pilot',
			entityId: String(pilot.id),
			before,
			after: { lineId: before.id, ...lineValues(input) }
		});
		return { ok: true as const };
	});
}

export async function deleteLine(
	db: Db,
	input: Actor & { lineId: number; version: number }
): Promise<WriteResult> {
	return db.transaction(async (tx) => {
		const pilot = await lockPilot(tx, input.fieldId, input.pilotId);
		if (!pilot) return refuse({ code: 'not_found' });
		if (!claimHolds(input.version, pilot)) return refuse({ code: 'stale' });
		const [gone] = await tx
			.delete(pilotLines)
			.where(and(eq(pilotLines.id, input.lineId), eq(pilotLines.pilotId, pilot.id)))
			.returning();
		if (!gone) return refuse({ code: 'stale' });
		await bumpPilotVersion(tx, pilot.id);
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'pilot.line.delete',
			entity: 'pilot',
			entityId: String(pilot.id),
			before: gone
		});
		return { ok: true as const };
	});
}
