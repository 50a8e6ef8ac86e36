import { and, eq, sql } from 'drizzle-orm';
import { kreise, municipalities, municipalityPopulations } from '../db/schema';
import type { Db, DbOrTx } from '../db/types';
import { recordAudit } from '../auth/audit';
import { checkRows, headerProblem, KREISFREI } from '../../domain/directory/official-rows';
import {
	planPopulationLoad,
	type DirectoryEntry,
	type PopulationPlan
} from '../../domain/directory/population-plan';
import { parseCsv } from './reference-data';
import { syncMemberPopulations } from './seed';

export interface PopulationLoad {
	/** The CSV text, in the format of the reference file. */
	text: string;
	/** ISO date the figures refer to (Stichtag). */
	referenceDate: string;
	source: string;
}

export type PreviewResult =
	{ ok: true; plan: PopulationPlan } | { ok: false; reason: 'header'; missing: string[] };

async function directoryAt(db: DbOrTx, referenceDate: string) {
	const rows = await db
		.select({
			ags: municipalities.ags,
			name: municipalities.name,
			kreisName: kreise.name,
			kreisKind: kreise.kind,
			regierungsbezirk: municipalities.regierungsbezirk,
			current: municipalityPopulations.inhabitants
		})
		.from(municipalities)
		.innerJoin(kreise, eq(kreise.ags5, municipalities.kreisAgs5))
		.leftJoin(
			municipalityPopulations,
			and(
				eq(municipalityPopulations.ags, municipalities.ags),
				eq(municipalityPopulations.referenceDate, referenceDate)
			)
		);
	return new Map<string, DirectoryEntry>(
		rows.map((r) => [
			r.ags,
			{
				ags: r.ags,
				name: r.name,
				kreis: r.kreisKind === 'kreisfreie_stadt' ? KREISFREI : r.kreisName,
				regierungsbezirk: r.regierungsbezirk,
				current: r.current
			}
		])
	);
}

/** The dry run: what the file would change, and which rows it refuses and why. Writes nothing. */
export async function previewPopulationLoad(
	db: DbOrTx,
	load: PopulationLoad
): Promise<PreviewResult> {
	const { header, records } = parseCsv(load.text);
	const problem = headerProblem(header);
	if (problem) return { ok: false, reason: 'header', missing: problem.missing };
	const { rows, refusals } = checkRows(records);
	return {
		ok: true,
		plan: planPopulationLoad(rows, refusals, await directoryAt(db, load.referenceDate))
	};
}

export type CommitResult =
	| { ok: true; changed: number }
	| { ok: false; reason: 'header'; missing: string[] }
	| { ok: false; reason: 'refused_rows'; plan: PopulationPlan };

/**
 * Loads the figures of a file without refused rows, planned again inside the transaction (the
 * directory may have changed since the dry run), with the members' denominators and one audit
 * entry naming every changed figure. A file with a refused row changes nothing.
 */
export async function commitPopulationLoad(
	db: Db,
	load: PopulationLoad & { actorUserId: number }
): Promise<CommitResult> {
	return db.transaction(async (tx) => {
		// One load at a time, so two administrators cannot interleave their plans.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext('directory.population_load'))`);
		const preview = await previewPopulationLoad(tx, load);
		if (!preview.ok) return preview;
		const { plan } = preview;
		if (plan.refusals.length) return { ok: false as const, reason: 'refused_rows' as const, plan };
		if (plan.changes.length) {
			await tx
				.insert(municipalityPopulations)
				.values(
					plan.changes.map((c) => ({
						ags: c.ags,
						referenceDate: load.referenceDate,
						inhabitants: c.after,
						source: load.source,
						loadedBy: load.actorUserId,
						loadedAt: new Date()
					}))
				)
				.onConflictDoUpdate({
					target: [municipalityPopulations.ags, municipalityPopulations.referenceDate],
					set: {
						inhabitants: sql`excluded.inhabitants`,
						source: sql`excluded.source`,
						loadedBy: sql`excluded.loaded_by`,
						loadedAt: sql`excluded.loaded_at`
					}
				});
			await syncMemberPopulations(tx);
		}
		await recordAudit(tx, {
			userId: load.actorUserId,
			action: 'directory.population_load',
			entity: 'municipality_population',
			entityId: load.referenceDate,
			after: {
				referenceDate: load.referenceDate,
				source: load.source,
				unchanged: plan.unchanged,
				changes: plan.changes.map((c) => ({ ags: c.ags, before: c.before, after: c.after }))
			}
		});
		return { ok: true as const, changed: plan.changes.length };
	});
}
