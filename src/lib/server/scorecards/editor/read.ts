import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import {
	initiatives,
	kpis,
	kpiVersions,
	objectives,
	perspectives,
	scorecardKpis,
	scorecards,
	targets
} from '../../db/schema';
import type { DbOrTx } from '../../db/types';
import type { EditorTarget } from './target';
import { groupBy } from '../../../util/group-by';
import type {
	EditorData,
	EditorInitiative,
	EditorKpi,
	EditorObjective,
	EditorPerspective
} from '../../../types/scorecard-editor';
import { localName } from '../../../format/local-name';

export type { EditorData, EditorInitiative, EditorKpi, EditorObjective, EditorPerspective };
import { targetRowColumns } from '../structure-columns';

type Locale = 'de' | 'en';

/** The newest definition of every KPI, as a subquery (DISTINCT ON keeps one row per KPI). */
const latestVersions = (db: DbOrTx) =>
	db
		.selectDistinctOn([kpiVersions.kpiId], {
			kpiId: kpiVersions.kpiId,
			nameDe: kpiVersions.nameDe,
			nameEn: kpiVersions.nameEn,
			unit: kpiVersions.unit,
			decimals: kpiVersions.decimals,
			polarity: kpiVersions.polarity,
			greenMin: kpiVersions.greenMin,
			greenMax: kpiVersions.greenMax,
			yellowMin: kpiVersions.yellowMin,
			yellowMax: kpiVersions.yellowMax
		})
		.from(kpiVersions)
		.orderBy(kpiVersions.kpiId, desc(kpiVersions.validFromYear), desc(kpiVersions.validFromQuarter))
		.as('latest');

/** Everything the editor pages show, in five concurrent reads whatever the scorecard's size. */
export async function loadEditorData(
	db: DbOrTx,
	target: EditorTarget,
	locale: Locale
): Promise<EditorData> {
	const scorecardId = target.scorecardId ?? -1;
	const latest = latestVersions(db);
	const [structure, kpiRows, targetRows, initiativeRows, available] = await Promise.all([
		db
			.select({
				perspectiveId: perspectives.id,
				key: perspectives.key,
				nameDe: perspectives.nameDe,
				nameEn: perspectives.nameEn,
				objectiveId: objectives.id,
				title: objectives.title,
				description: objectives.description,
				owner: objectives.owner
			})
			.from(perspectives)
			.leftJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
			.where(eq(perspectives.scorecardId, scorecardId))
			.orderBy(
				asc(perspectives.sortOrder),
				asc(perspectives.id),
				asc(objectives.sortOrder),
				asc(objectives.id)
			),
		db
			.select({
				scorecardKpiId: scorecardKpis.id,
				objectiveId: scorecardKpis.objectiveId,
				kpiId: kpis.id,
				code: kpis.code,
				ownerOrganisationId: kpis.ownerOrganisationId,
				catalogueArchivedAt: kpis.archivedAt,
				weight: scorecardKpis.weight,
				archivedAt: scorecardKpis.archivedAt,
				nameDe: latest.nameDe,
				nameEn: latest.nameEn,
				unit: latest.unit,
				decimals: latest.decimals,
				polarity: latest.polarity,
				greenMin: latest.greenMin,
				greenMax: latest.greenMax,
				yellowMin: latest.yellowMin,
				yellowMax: latest.yellowMax
			})
			.from(scorecardKpis)
			.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
			.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
			.innerJoin(kpis, eq(kpis.id, scorecardKpis.kpiId))
			.innerJoin(latest, eq(latest.kpiId, kpis.id))
			.where(eq(perspectives.scorecardId, scorecardId))
			.orderBy(asc(scorecardKpis.sortOrder), asc(scorecardKpis.id)),
		db
			.select(targetRowColumns)
			.from(targets)
			.innerJoin(scorecardKpis, eq(scorecardKpis.id, targets.scorecardKpiId))
			.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
			.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
			.where(eq(perspectives.scorecardId, scorecardId))
			.orderBy(asc(targets.year)),
		db
			.select({
				id: initiatives.id,
				objectiveId: initiatives.objectiveId,
				title: initiatives.title,
				owner: initiatives.owner,
				startsOn: initiatives.startsOn,
				endsOn: initiatives.endsOn,
				status: initiatives.status,
				notes: initiatives.notes
			})
			.from(initiatives)
			.innerJoin(objectives, eq(objectives.id, initiatives.objectiveId))
			.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
			.where(eq(perspectives.scorecardId, scorecardId))
			.orderBy(asc(initiatives.startsOn), asc(initiatives.id)),
		loadAvailable(db, target, scorecardId, locale)
	]);

	const targetsBySkpi = groupBy(targetRows, (t) => t.scorecardKpiId);
	const kpisByObjective = groupBy(
		kpiRows.map((k): EditorKpi => ({
			scorecardKpiId: k.scorecardKpiId,
			objectiveId: k.objectiveId,
			kpiId: k.kpiId,
			code: k.code,
			name: localName(k, locale),
			unit: k.unit,
			decimals: k.decimals,
			polarity: k.polarity,
			local: k.ownerOrganisationId !== null,
			weight: Number(k.weight),
			archived: k.archivedAt !== null,
			catalogueArchived: k.catalogueArchivedAt !== null,
			fieldTarget: {
				greenMin: k.greenMin,
				greenMax: k.greenMax,
				yellowMin: k.yellowMin,
				yellowMax: k.yellowMax
			},
			targets: (targetsBySkpi.get(k.scorecardKpiId) ?? []).map(({ scorecardKpiId: _, ...t }) => t)
		})),
		(k) => k.objectiveId
	);
	const initiativesByObjective = groupBy(initiativeRows, (i) => i.objectiveId);

	const perspectivesOut: EditorPerspective[] = [];
	for (const row of structure) {
		let p = perspectivesOut.at(-1);
		if (!p || p.id !== row.perspectiveId) {
			p = {
				id: row.perspectiveId,
				key: row.key,
				nameDe: row.nameDe,
				nameEn: row.nameEn,
				name: localName(row, locale),
				objectives: []
			};
			perspectivesOut.push(p);
		}
		if (row.objectiveId !== null) {
			p.objectives.push({
				id: row.objectiveId,
				perspectiveId: row.perspectiveId,
				title: row.title ?? '',
				description: row.description ?? '',
				owner: row.owner ?? '',
				kpis: kpisByObjective.get(row.objectiveId) ?? [],
				initiatives: initiativesByObjective.get(row.objectiveId) ?? []
			});
		}
	}
	const template =
		perspectivesOut.length === 0 && target.kind === 'city'
			? await templateSummary(db, target.field.id)
			: null;
	return { perspectives: perspectivesOut, availableKpis: available, template };
}

/** Shared, not archived KPIs of the field that are not (or no longer actively) on the scorecard. */
function loadAvailable(db: DbOrTx, target: EditorTarget, scorecardId: number, locale: Locale) {
	const latest = latestVersions(db);
	const onScorecard = db
		.select({ kpiId: scorecardKpis.kpiId })
		.from(scorecardKpis)
		.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
		.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
		.where(and(eq(perspectives.scorecardId, scorecardId), isNull(scorecardKpis.archivedAt)));
	return db
		.select({
			id: kpis.id,
			code: kpis.code,
			// A column chosen by language, not a value: the query selects the one it needs.
			name: locale === 'de' ? latest.nameDe : latest.nameEn
		})
		.from(kpis)
		.innerJoin(latest, eq(latest.kpiId, kpis.id))
		.where(
			and(
				eq(kpis.fieldId, target.field.id),
				isNull(kpis.ownerOrganisationId),
				isNull(kpis.archivedAt),
				sql`${kpis.id} not in ${onScorecard}`
			)
		)
		.orderBy(asc(kpis.sortOrder), asc(kpis.code));
}

async function templateSummary(db: DbOrTx, fieldId: number) {
	const [row] = await db
		.select({
			perspectives: sql<number>`count(distinct ${perspectives.id})`.mapWith(Number),
			objectives: sql<number>`count(distinct ${objectives.id})`.mapWith(Number),
			kpis: count(scorecardKpis.id)
		})
		.from(scorecards)
		.innerJoin(perspectives, eq(perspectives.scorecardId, scorecards.id))
		.leftJoin(objectives, eq(objectives.perspectiveId, perspectives.id))
		.leftJoin(
			scorecardKpis,
			and(eq(scorecardKpis.objectiveId, objectives.id), isNull(scorecardKpis.archivedAt))
		)
		.where(and(isNull(scorecards.organisationId), eq(scorecards.fieldId, fieldId)));
	return row && row.perspectives > 0 ? row : null;
}

/**
 * One objective's editor page: the editor's data and the objective named in the address, or null
 * when the scorecard has no such objective (deleted meanwhile, or never there).
 */
export async function loadObjectiveEditor(
	db: DbOrTx,
	target: EditorTarget,
	objectiveId: string,
	locale: Locale
): Promise<{ editor: EditorData; objective: EditorObjective } | null> {
	const editor = await loadEditorData(db, target, locale);
	const objective = editor.perspectives
		.flatMap((p) => p.objectives)
		.find((o) => String(o.id) === objectiveId);
	return objective ? { editor, objective } : null;
}
