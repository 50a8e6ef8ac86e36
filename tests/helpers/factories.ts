import { and, eq, isNull } from 'drizzle-orm';
import {
	cooperationFields,
	fieldParticipants,
	kpis,
	kpiVersions,
	measurements,
	objectives,
	organisations,
	peerGroupMembers,
	peerGroups,
	perspectives,
	roleAssignments,
	scorecardKpis,
	scorecards,
	targets,
	users
} from '../../src/lib/server/db/schema';
import { defaultPerspectives, type PerspectiveKey } from '../../src/lib/server/db/seed/reference';
import { versionForQuarter } from '../../src/lib/domain/scorecard/versions';
import type { DbOrTx } from '../../src/lib/server/db/types';
import type { Viewer } from '../../src/lib/server/auth/viewer';

/*
 * Typed test factories: an integration test creates the rows it needs, with names of its own,
 * instead of seeding the whole demo and finding rows by demo e-mail. Each factory fills what a
 * test does not care about with valid defaults and returns the inserted row.
 */

let serial = 0;
const next = () => ++serial;

type City = typeof organisations.$inferSelect;
type User = typeof users.$inferSelect;
type PeerGroup = typeof peerGroups.$inferSelect & { members: number[] };

/** A city (or another kind of organisation) with a unique slug and AGS. */
export async function createCity(
	db: DbOrTx,
	fields: Partial<typeof organisations.$inferInsert> & { name: string }
): Promise<City> {
	const n = next();
	const slug = fields.slug ?? `${fields.name.toLowerCase().replace(/[^a-z]+/g, '-')}-${n}`;
	const [row] = await db
		.insert(organisations)
		.values({ kind: 'city', ags: String(5_000_000 + n).padStart(8, '0'), slug, ...fields })
		.returning();
	return row!;
}

/** An active account without roles or password unless given. */
export async function createUser(
	db: DbOrTx,
	fields: Partial<typeof users.$inferInsert> = {}
): Promise<User> {
	const n = next();
	const [row] = await db
		.insert(users)
		.values({ email: `person-${n}@test.invalid`, displayName: `Person ${n}`, ...fields })
		.returning();
	return row!;
}

/** A comparison group of the given member organisations. */
export async function createPeerGroup(
	db: DbOrTx,
	fields: { slug: string; members: number[]; nameDe?: string; nameEn?: string }
): Promise<PeerGroup> {
	const [group] = await db
		.insert(peerGroups)
		.values({
			slug: fields.slug,
			nameDe: fields.nameDe ?? fields.slug,
			nameEn: fields.nameEn ?? fields.slug
		})
		.returning();
	if (fields.members.length > 0)
		await db
			.insert(peerGroupMembers)
			.values(fields.members.map((organisationId) => ({ groupId: group!.id, organisationId })));
	return { ...group!, members: fields.members };
}

type Role = (typeof roleAssignments.$inferInsert)['role'];

/** A role for an account; the scope (city or field) as the role needs it. */
export async function grantRole(
	db: DbOrTx,
	userId: number,
	role: Role,
	scope: { organisationId?: number; fieldId?: number } = {}
): Promise<void> {
	await db.insert(roleAssignments).values({
		userId,
		role,
		organisationId: scope.organisationId ?? null,
		fieldId: scope.fieldId ?? null
	});
}

/** An account holding the given roles. */
export async function createUserWithRoles(
	db: DbOrTx,
	roles: { role: Role; organisationId?: number; fieldId?: number }[],
	fields: Partial<typeof users.$inferInsert> = {}
): Promise<User> {
	const user = await createUser(db, fields);
	for (const { role, ...scope } of roles) await grantRole(db, user.id, role, scope);
	return user;
}

/** A cooperation field of the reference data (seed 'reference'), by slug. */
export async function fieldBySlug(db: DbOrTx, slug: string) {
	const [field] = await db.select().from(cooperationFields).where(eq(cooperationFields.slug, slug));
	if (!field) throw new Error(`field ${slug} is not seeded`);
	return field;
}

/** A shared KPI of the catalogue (seed 'reference'), by code. */
export async function sharedKpi(db: DbOrTx, code: string) {
	const [kpi] = await db
		.select()
		.from(kpis)
		.where(and(eq(kpis.code, code), isNull(kpis.ownerOrganisationId)));
	if (!kpi) throw new Error(`KPI ${code} is not in the catalogue`);
	return kpi;
}

type BandValues = { greenMin?: string; greenMax?: string; yellowMin?: string; yellowMax?: string };

export interface ScorecardKpiSpec {
	code: string;
	perspective?: PerspectiveKey;
	weight?: string;
	/** Yearly city targets: year → bands. */
	targets?: Record<number, BandValues>;
}

export interface CreatedScorecard {
	id: number;
	organisationId: number;
	fieldId: number;
	/** Scorecard KPI row id by KPI code. */
	scorecardKpiIds: Map<string, number>;
	/** Catalogue KPI id by code. */
	kpiIds: Map<string, number>;
}

/**
 * A city's scorecard in a field of the reference data: the five default perspectives, one
 * objective per perspective that has KPIs, the given catalogue KPIs and their targets. The city
 * also becomes a participant of the field.
 */
export async function createScorecard(
	db: DbOrTx,
	fields: { organisationId: number; field: string; kpis: ScorecardKpiSpec[]; mission?: string }
): Promise<CreatedScorecard> {
	const field = await fieldBySlug(db, fields.field);
	await db
		.insert(fieldParticipants)
		.values({ fieldId: field.id, organisationId: fields.organisationId })
		.onConflictDoNothing();
	const [card] = await db
		.insert(scorecards)
		.values({
			organisationId: fields.organisationId,
			fieldId: field.id,
			mission: fields.mission ?? 'Testauftrag'
		})
		.returning();
	const perspectiveRows = await db
		.insert(perspectives)
		.values(defaultPerspectives.map((p) => ({ scorecardId: card!.id, ...p })))
		.returning();
	const scorecardKpiIds = new Map<string, number>();
	const kpiIds = new Map<string, number>();
	const objectiveOf = new Map<string, number>();
	for (const [i, spec] of fields.kpis.entries()) {
		const key = spec.perspective ?? 'mandate';
		let objectiveId = objectiveOf.get(key);
		if (objectiveId === undefined) {
			const perspective = perspectiveRows.find((p) => p.key === key)!;
			const [objective] = await db
				.insert(objectives)
				.values({
					perspectiveId: perspective.id,
					title: `Ziel ${perspective.nameDe}`,
					sortOrder: 1
				})
				.returning();
			objectiveId = objective!.id;
			objectiveOf.set(key, objectiveId);
		}
		const kpi = await sharedKpi(db, spec.code);
		const [row] = await db
			.insert(scorecardKpis)
			.values({ objectiveId, kpiId: kpi.id, weight: spec.weight ?? '1', sortOrder: i + 1 })
			.returning();
		scorecardKpiIds.set(spec.code, row!.id);
		kpiIds.set(spec.code, kpi.id);
		for (const [year, bands] of Object.entries(spec.targets ?? {}))
			await db.insert(targets).values({ scorecardKpiId: row!.id, year: Number(year), ...bands });
	}
	return {
		id: card!.id,
		organisationId: fields.organisationId,
		fieldId: field.id,
		scorecardKpiIds,
		kpiIds
	};
}

type State = (typeof measurements.$inferInsert)['state'];

/**
 * Values of one KPI for a city, entered under the definition version in force in each quarter.
 * `values` maps '2026-Q3' to the number.
 */
export async function createValues(
	db: DbOrTx,
	fields: {
		organisationId: number;
		kpiId: number;
		values: Record<string, number>;
		state?: State;
		/** The controller's comment per quarter, '2026-Q3' → text. */
		comments?: Record<string, string>;
	}
): Promise<void> {
	const versions = await db.select().from(kpiVersions).where(eq(kpiVersions.kpiId, fields.kpiId));
	const rows = Object.entries(fields.values).map(([period, value]) => {
		const [year, quarter] = period.split('-Q').map(Number) as [number, number];
		const version = versionForQuarter(versions, { year, quarter });
		if (!version) throw new Error(`KPI ${fields.kpiId} has no definition`);
		const state = fields.state ?? 'released';
		return {
			organisationId: fields.organisationId,
			kpiId: fields.kpiId,
			kpiVersionId: version.id,
			year,
			quarter,
			value: String(value),
			state,
			comment: fields.comments?.[period] ?? '',
			releasedAt: state === 'released' ? new Date(Date.UTC(year, quarter * 3, 15)) : null
		};
	});
	if (rows.length > 0) await db.insert(measurements).values(rows);
}

/** Every organisation's id by slug (seed 'reference': the 13 founding cities and the others). */
export async function organisationIdsBySlug(db: DbOrTx): Promise<Map<string, number>> {
	const rows = await db
		.select({ id: organisations.id, slug: organisations.slug })
		.from(organisations);
	return new Map(rows.map((r) => [r.slug, r.id]));
}

/** A signed-in viewer with one role, for reads that take a Viewer (ids need not exist). */
export function viewerWithRole(
	userId: number,
	role: 'observer' | 'city_leadership',
	organisationId: number | null = null
): Viewer {
	return { kind: 'user', principal: { userId, roles: [{ role, organisationId, fieldId: null }] } };
}

/**
 * A shared KPI of the field in percent (higher is better), with one definition version per
 * entry, each valid from the first quarter of its year.
 */
export async function createSharedKpiWithVersions(
	db: DbOrTx,
	fieldId: number,
	code: string,
	versions: { fromYear: number; name: string; aggregation?: 'mean' | 'sum' | 'last' }[]
) {
	const [kpi] = await db.insert(kpis).values({ fieldId, code, sortOrder: 900 }).returning();
	for (const { fromYear, name, aggregation = 'mean' } of versions)
		await db.insert(kpiVersions).values({
			kpiId: kpi!.id,
			validFromYear: fromYear,
			validFromQuarter: 1,
			nameDe: name,
			nameEn: name,
			definitionDe: '',
			definitionEn: '',
			unit: 'percent',
			decimals: 2,
			polarity: 'higher_is_better',
			aggregation
		});
	return kpi!;
}
