import type { DbOrTx } from '../db/types';
import type { Viewer } from '../auth/viewer';
import { scopesOf } from '../auth/permissions';
import { berlinDate } from '../../domain/period/deadline';
import { lastCompletedQuarter, type Quarter } from '../../domain/period/quarter';
import { defaultQuarter } from '../../domain/completeness/quarter-choice';
import { shapeMatrix, type CompletenessMatrix } from '../../domain/completeness/matrix';
import { lateCellsOf, openValuesOf, ringStateOf } from '../../domain/tasks/duties';
import { attentionKpis } from '../../domain/briefing/select';
import { unexplainedValues } from '../../domain/tasks/unexplained';
import type {
	Tasks,
	Unexplained,
	LeadershipTasks,
	ReturnedInField
} from '../../domain/tasks/types';
import { matrixRows, reportingQuarters } from '../periods/completeness-queries';
import { loadCityInputs, type CityInputs } from '../briefing/city-inputs';
import { listCities } from '../directory/queries';
import { returnedValues, type ReturnedValue } from '../entry/returned';
import { pilotsAwaitingGate, recordTasksVisit, releasedSince, submittedPerField } from './queries';

type UserViewer = Extract<Viewer, { kind: 'user' }>;

const field = (r: { fieldSlug: string; fieldNameDe: string; fieldNameEn: string }) => ({
	slug: r.fieldSlug,
	nameDe: r.fieldNameDe,
	nameEn: r.fieldNameEn
});

/**
 * A person's tasks for the quarter the ring reports on now (the newest open one), gathered from
 * the scopes of their roles' capabilities. Statements: 1 (quarters) + 1 (matrix, when a part needs
 * it) + 1 per part (approver, field lead) + for the city roles 1 (cities) + 3 per own city (its
 * scorecards) + 1 for the controller (returned values) + 3 for the leadership (visit read and
 * written, released). A controller of one city: 7.
 */
export async function loadTasks(
	db: DbOrTx,
	viewer: UserViewer,
	locale: 'de' | 'en',
	now: Date = new Date()
): Promise<Tasks> {
	const p = viewer.principal;
	const controller = scopesOf(p, 'measurement:submit');
	const approver = scopesOf(p, 'measurement:release');
	const fieldLead = scopesOf(p, 'pilot:write');
	const leadership = scopesOf(p, 'audit:read_own_city');
	const ring = scopesOf(p, 'completeness:read');
	const today = berlinDate(now);

	const quarter = defaultQuarter(await reportingQuarters(db), lastCompletedQuarter(now));
	const needsMatrix =
		controller.organisationIds.length > 0 || fieldLead.fieldIds.length > 0 || ring.global;
	const ownCities = [...new Set([...controller.organisationIds, ...leadership.organisationIds])];

	const [matrix, waiting, pilots, cityInputs, visit, returned] = await Promise.all([
		needsMatrix ? matrixRows(db, quarter).then((rows) => shapeMatrix(quarter, rows)) : null,
		approver.organisationIds.length > 0 ? submittedPerField(db, approver.organisationIds) : null,
		fieldLead.fieldIds.length > 0 ? pilotsAwaitingGate(db, fieldLead.fieldIds) : null,
		ownCitiesInputs(db, viewer, ownCities, quarter, locale),
		leadership.organisationIds.length > 0 ? recordTasksVisit(db, p.userId, now) : undefined,
		controller.organisationIds.length > 0 ? returnedValues(db, viewer, { quarter }) : []
	]);

	return {
		quarter,
		controller:
			controller.organisationIds.length > 0
				? {
						open: openValuesOf(matrix!, controller.organisationIds, today),
						returned: perField(
							returned.filter((r) =>
								ownSlugs(cityInputs, controller.organisationIds).has(r.citySlug)
							)
						),
						unexplained: unexplainedOf(cityInputs, controller.organisationIds, quarter)
					}
				: null,
		approver:
			waiting?.map((r) => ({
				city: { slug: r.citySlug, name: r.cityName },
				field: field(r),
				count: Number(r.count),
				oldestSubmittedAt: r.oldestSubmittedAt ? new Date(r.oldestSubmittedAt) : null
			})) ?? null,
		fieldLead: pilots
			? {
					late: lateCellsOf(matrix as CompletenessMatrix, fieldLead.fieldIds, today),
					pilots: pilots.map((r) => ({
						id: r.id,
						title: r.title,
						field: field(r),
						decided: Number(r.decided)
					}))
				}
			: null,
		leadership:
			visit !== undefined
				? await leadershipOf(db, leadership.organisationIds, visit, cityInputs, quarter)
				: null,
		ring:
			ring.global && matrix
				? { fields: ringStateOf(matrix, today), late: lateCellsOf(matrix, null, today) }
				: null
	};
}

/** The own cities' scorecards as of the quarter (three statements per city, one for the slugs). */
async function ownCitiesInputs(
	db: DbOrTx,
	viewer: Viewer,
	organisationIds: readonly number[],
	quarter: Quarter,
	locale: 'de' | 'en'
): Promise<CityInputs[]> {
	if (organisationIds.length === 0) return [];
	const cities = (await listCities(db)).filter((c) => organisationIds.includes(c.id));
	const loaded = await Promise.all(
		cities.map((c) => loadCityInputs(db, viewer, { city: c.slug, quarter }, locale))
	);
	return loaded.filter((c): c is CityInputs => c !== null);
}

const ownSlugs = (inputs: readonly CityInputs[], organisationIds: readonly number[]) =>
	new Set(
		inputs.filter((c) => organisationIds.includes(c.city.organisationId)).map((c) => c.city.slug)
	);

/** Returned values grouped per city, field and quarter, in the order they were returned. */
function perField(values: readonly ReturnedValue[]): ReturnedInField[] {
	const groups = new Map<string, ReturnedInField>();
	for (const v of values) {
		const key = `${v.citySlug}|${v.fieldSlug}|${v.quarter.year}-${v.quarter.quarter}`;
		let group = groups.get(key);
		if (!group) {
			group = {
				city: { slug: v.citySlug, name: v.cityName },
				field: field(v),
				quarter: v.quarter,
				values: []
			};
			groups.set(key, group);
		}
		group.values.push({
			kpiId: v.kpiId,
			code: v.kpiCode,
			reason: v.reason,
			returnedAt: v.returnedAt
		});
	}
	return [...groups.values()];
}

/** Values of the quarter in the given cities that want a comment and have none (entry rules). */
function unexplainedOf(
	inputs: readonly CityInputs[],
	organisationIds: readonly number[],
	quarter: Quarter
): Unexplained[] {
	return inputs
		.filter((c) => organisationIds.includes(c.city.organisationId))
		.flatMap((c) =>
			unexplainedValues(c.inputs, c.versionsByKpi, quarter).map((u) => ({
				...u,
				city: { slug: c.city.slug, name: c.city.name }
			}))
		);
}

async function leadershipOf(
	db: DbOrTx,
	organisationIds: readonly number[],
	since: Date | null,
	inputs: readonly CityInputs[],
	quarter: Quarter
): Promise<LeadershipTasks> {
	const released = await releasedSince(db, organisationIds, since);
	const own = inputs.filter((c) => organisationIds.includes(c.city.organisationId));
	return {
		since,
		released: released.map((r) => ({
			city: { slug: r.citySlug, name: r.cityName },
			field: field(r),
			count: Number(r.count)
		})),
		red: own.flatMap((c) =>
			// The leadership's own cities: every comment on them travels here.
			attentionKpis(c.inputs, true)
				.filter((a) => a.status === 'red')
				.map((a) => ({ ...a, city: { slug: c.city.slug, name: c.city.name } }))
		),
		briefings: own.map((c) => ({ city: { slug: c.city.slug, name: c.city.name }, quarter }))
	};
}
