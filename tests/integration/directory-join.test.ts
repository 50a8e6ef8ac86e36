import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditLog,
	cooperationFields,
	fieldParticipants,
	municipalityPopulations,
	objectives,
	organisations,
	passwordResetTokens,
	perspectives,
	roleAssignments,
	scorecardKpis,
	scorecards,
	users
} from '../../src/lib/server/db/schema';
import { seedDatabase } from '../../src/lib/server/db/seed';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createUser } from '../../src/lib/server/auth/users';
import { listCities } from '../../src/lib/server/directory/queries';
import { loadCompleteness } from '../../src/lib/server/periods/completeness';
import { joinRing, searchDirectory } from '../../src/lib/server/directory/join';
import { listComparisonGroups } from '../../src/lib/server/directory/comparison-groups';
import {
	commitPopulationLoad,
	previewPopulationLoad
} from '../../src/lib/server/directory/population-load';
import { createTestDatabase } from '../helpers/test-database';

const NOW = new Date('2026-04-01T10:00:00Z');
const AHAUS = '05554004';

/** A database with the reference data (directory, fields, templates) and one administrator. */
async function referenceDataWithAdmin() {
	const handle = await createTestDatabase();
	await seedDatabase(handle.db, { demo: false });
	const admin = await createUser(handle.db, {
		email: 'admin@example.org',
		displayName: 'Admin',
		roles: [{ role: 'admin', organisationId: null, fieldId: null }],
		actorUserId: null
	});
	return { handle, adminId: admin.id };
}

describe('joining the ring from the directory', () => {
	let handle: DatabaseHandle;
	let adminId: number;
	let fieldIds: number[];

	beforeAll(async () => {
		({ handle, adminId } = await referenceDataWithAdmin());
		fieldIds = (await handle.db.select({ id: cooperationFields.id }).from(cooperationFields)).map(
			(f) => f.id
		);
	});
	afterAll(() => handle.close());

	it('finds municipalities by name and by AGS, members marked', async () => {
		expect((await searchDirectory(handle.db, 'aha')).map((h) => h.name)).toContain('Ahaus');
		const [koeln] = await searchDirectory(handle.db, '05315');
		expect(koeln).toMatchObject({ name: 'Köln', kreisfrei: true, memberSlug: 'koeln' });
		expect((await searchDirectory(handle.db, '%')).length).toBe(0);
	});

	it('keeps a municipality outside the ring out of lists and completeness', async () => {
		expect((await listCities(handle.db)).map((c) => c.name)).not.toContain('Ahaus');
		const completeness = await loadCompleteness(handle.db, { year: 2026, quarter: 1 });
		expect(completeness.matrix.cities.map((c) => c.name)).not.toContain('Ahaus');
	});

	it('adds Ahaus with its scorecards from the templates, its denominator and first accounts in one step', async () => {
		const result = await joinRing(handle.db, {
			actorUserId: adminId,
			ags: AHAUS,
			fieldIds,
			accounts: [
				{ email: 'controlling@ahaus.example', displayName: 'Controlling Ahaus', role: 'controller' }
			],
			now: NOW
		});
		expect(result).toMatchObject({
			ok: true,
			organisation: { name: 'Ahaus', slug: 'ahaus' },
			scorecards: 10
		});
		if (!result.ok) return;
		const id = result.organisation.id;
		const cities = await listCities(handle.db);
		expect(cities.find((c) => c.slug === 'ahaus')).toMatchObject({
			ags: AHAUS,
			population: { inhabitants: 39_443, referenceDate: '2022-05-15', isEstimate: false }
		});
		expect(await handle.db.$count(scorecards, eq(scorecards.organisationId, id))).toBe(10);
		expect(
			await handle.db.$count(fieldParticipants, eq(fieldParticipants.organisationId, id))
		).toBe(10);
		const kpiRows = await handle.db
			.select({ id: scorecardKpis.id })
			.from(scorecardKpis)
			.innerJoin(objectives, eq(objectives.id, scorecardKpis.objectiveId))
			.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
			.innerJoin(scorecards, eq(scorecards.id, perspectives.scorecardId))
			.where(eq(scorecards.organisationId, id));
		// Every scorecard copies its field template's shared KPIs.
		expect(kpiRows.length).toBeGreaterThanOrEqual(10);
		const [user] = await handle.db
			.select()
			.from(users)
			.where(eq(users.email, 'controlling@ahaus.example'));
		expect(
			await handle.db
				.select({ role: roleAssignments.role, org: roleAssignments.organisationId })
				.from(roleAssignments)
				.where(eq(roleAssignments.userId, user!.id))
		).toEqual([{ role: 'controller', org: id }]);
		expect(
			await handle.db.$count(passwordResetTokens, eq(passwordResetTokens.userId, user!.id))
		).toBe(1);
		expect(result.accounts).toHaveLength(1);
		expect(await handle.db.$count(auditLog, eq(auditLog.action, 'organisation.join'))).toBe(1);
		const completeness = await loadCompleteness(handle.db, { year: 2026, quarter: 1 });
		expect(completeness.matrix.cities.map((c) => c.name)).toContain('Ahaus');
	});

	it('refuses a second join and a taken e-mail address, leaving nothing behind', async () => {
		expect(
			await joinRing(handle.db, {
				actorUserId: adminId,
				ags: AHAUS,
				fieldIds,
				accounts: [],
				now: NOW
			})
		).toEqual({ ok: false, reason: 'already_member' });
		const before = await handle.db.$count(organisations);
		expect(
			await joinRing(handle.db, {
				actorUserId: adminId,
				ags: '05558012',
				fieldIds,
				accounts: [{ email: 'Controlling@Ahaus.example', displayName: 'X', role: 'controller' }],
				now: NOW
			})
		).toEqual({ ok: false, reason: 'email_taken', email: 'Controlling@Ahaus.example' });
		expect(await handle.db.$count(organisations)).toBe(before);
		expect(
			await joinRing(handle.db, {
				actorUserId: adminId,
				ags: '05999999',
				fieldIds,
				accounts: [],
				now: NOW
			})
		).toEqual({ ok: false, reason: 'not_found' });
	});

	it('offers derived peer groups for the members: size class, status, Regierungsbezirk, Kreis', async () => {
		const groups = await listComparisonGroups(handle.db);
		const slugs = groups.map((g) => g.slug);
		// Köln, Düsseldorf, Dortmund, Essen: at least 500,000 inhabitants.
		expect(groups.find((g) => g.slug === 'groesse-grosse-grossstadt')?.members).toHaveLength(4);
		expect(groups.find((g) => g.slug === 'kreisfreie-staedte')?.members).toHaveLength(12);
		// Aachen (Städteregion) and now Ahaus (Kreis Borken) belong to a Kreis.
		expect(groups.find((g) => g.slug === 'kreisangehoerige-gemeinden')?.members).toHaveLength(2);
		expect(slugs).toContain('regierungsbezirk-muenster');
		expect(slugs.filter((s) => s.startsWith('kreis-'))).toEqual([]);
	});
});

describe('loading newer official population figures', () => {
	let handle: DatabaseHandle;
	let adminId: number;
	const header = 'ags,name,kreis,regierungsbezirk,einwohner_zensus_2022\n';
	const load = (text: string) => ({
		text: header + text,
		referenceDate: '2022-05-15',
		source: 'IT.NRW, Korrektur 25.06.2024'
	});

	beforeAll(async () => {
		handle = await createTestDatabase();
		await seedDatabase(handle.db, { demo: false });
		adminId = (
			await createUser(handle.db, {
				email: 'a@example.org',
				displayName: 'A',
				roles: [],
				actorUserId: null
			})
		).id;
	});
	afterAll(() => handle.close());

	it('shows the change in a dry run and writes nothing', async () => {
		const preview = await previewPopulationLoad(
			handle.db,
			load('05315000,Köln,kreisfrei,Köln,1017979\n05314000,Bonn,kreisfrei,Köln,321544\n')
		);
		expect(preview).toEqual({
			ok: true,
			plan: {
				changes: [{ ags: '05315000', name: 'Köln', before: 1_017_355, after: 1_017_979 }],
				unchanged: 1,
				refusals: []
			}
		});
		const [koeln] = await handle.db
			.select()
			.from(municipalityPopulations)
			.where(eq(municipalityPopulations.ags, '05315000'));
		expect(koeln?.inhabitants).toBe(1_017_355);
	});

	it('refuses a file with a bad row as a whole, with the reason', async () => {
		const result = await commitPopulationLoad(handle.db, {
			...load('05315000,Köln,kreisfrei,Köln,1017979\n05314000,Bonn,Rhein-Sieg-Kreis,Köln,321544\n'),
			actorUserId: adminId
		});
		expect(result).toMatchObject({
			ok: false,
			reason: 'refused_rows',
			plan: { refusals: [{ line: 3, ags: '05314000', problems: ['kreis_mismatch'] }] }
		});
		expect(
			(await listCities(handle.db)).find((c) => c.slug === 'koeln')?.population?.inhabitants
		).toBe(1_017_355);
	});

	it('commits the figures, updates the members\u2019 denominator and records who did it', async () => {
		const result = await commitPopulationLoad(handle.db, {
			...load('05315000,Köln,kreisfrei,Köln,1.017.979\n'),
			actorUserId: adminId
		});
		expect(result).toEqual({ ok: true, changed: 1 });
		const koeln = (await listCities(handle.db)).find((c) => c.slug === 'koeln');
		expect(koeln?.population).toMatchObject({
			inhabitants: 1_017_979,
			source: 'IT.NRW, Korrektur 25.06.2024'
		});
		const [entry] = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'directory.population_load'));
		expect(entry?.userId).toBe(adminId);
		expect(JSON.parse(entry!.after!)).toMatchObject({
			changes: [{ ags: '05315000', before: 1_017_355, after: 1_017_979 }]
		});
	});

	it('refuses a file without the columns of the official format', async () => {
		expect(
			await previewPopulationLoad(handle.db, {
				text: 'gemeinde;zahl\nKöln;1\n',
				referenceDate: '2023-12-31',
				source: 'x'
			})
		).toEqual({
			ok: false,
			reason: 'header',
			missing: ['ags', 'name', 'kreis', 'regierungsbezirk', 'einwohner…']
		});
	});
});

describe('joining the ring where local passwords are off (LOCAL_LOGIN=off)', () => {
	let handle: DatabaseHandle;
	let adminId: number;

	beforeAll(async () => {
		({ handle, adminId } = await referenceDataWithAdmin());
	});
	afterAll(() => handle.close());

	it('gives the first accounts neither a password nor a set-password link', async () => {
		const [field] = await handle.db.select({ id: cooperationFields.id }).from(cooperationFields);
		const result = await joinRing(handle.db, {
			actorUserId: adminId,
			ags: '05554008',
			fieldIds: [field!.id],
			accounts: [
				{
					email: 'controlling@bocholt.example',
					displayName: 'Controlling Bocholt',
					role: 'controller'
				}
			],
			now: NOW,
			localPasswords: false
		});
		expect(result).toMatchObject({
			ok: true,
			organisation: { name: 'Bocholt' },
			accounts: [{ email: 'controlling@bocholt.example', token: null }]
		});
		const [user] = await handle.db
			.select({ id: users.id, passwordHash: users.passwordHash })
			.from(users)
			.where(eq(users.email, 'controlling@bocholt.example'));
		expect(user!.passwordHash).toBeNull();
		expect(
			await handle.db.$count(passwordResetTokens, eq(passwordResetTokens.userId, user!.id))
		).toBe(0);
	});
});
