import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditLog,
	objectiveLinks,
	objectives,
	perspectives,
	organisations,
	scorecards
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import {
	addObjectiveLink,
	findMapScorecard,
	loadObjectiveLinks,
	removeObjectiveLink,
	type MapScorecard
} from '../../src/lib/server/scorecards/strategy-map';
import { createScorecard, createUserWithRoles } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

describe('strategy map links', () => {
	let handle: DatabaseHandle;
	let koeln: MapScorecard;
	let essen: MapScorecard;
	let koelnObjectives: { id: number; title: string }[];
	let essenObjective: { id: number; title: string };
	let actorUserId: number;
	const sent: string[] = [];

	const objectivesOf = (scorecardId: number) =>
		handle.db
			.select({ id: objectives.id, title: objectives.title })
			.from(objectives)
			.innerJoin(perspectives, eq(perspectives.id, objectives.perspectiveId))
			.where(eq(perspectives.scorecardId, scorecardId))
			.orderBy(asc(perspectives.sortOrder), asc(objectives.sortOrder));
	const versionOf = async (scorecardId: number) =>
		(
			await handle.db
				.select({ version: scorecards.version })
				.from(scorecards)
				.where(eq(scorecards.id, scorecardId))
		)[0]!.version;
	const change = (fromObjectiveId: number, toObjectiveId: number, expectedVersion: number) => ({
		actorUserId,
		scorecardId: koeln.scorecardId,
		organisationId: koeln.organisationId,
		expectedVersion,
		fromObjectiveId,
		toObjectiveId
	});
	const audits = () =>
		handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.entity, 'objective_link'))
			.orderBy(asc(auditLog.id));

	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'reference' });
		const cities = await handle.db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations);
		const idOf = (slug: string) => cities.find((c) => c.slug === slug)!.id;
		// Three objectives (one per perspective) in Köln, one in Essen.
		await createScorecard(handle.db, {
			organisationId: idOf('koeln'),
			field: 'beihilfe',
			kpis: [
				{ code: 'BH-DAUER', perspective: 'mandate' },
				{ code: 'BH-ONLINE', perspective: 'customers' },
				{ code: 'BH-KOSTEN-EW', perspective: 'finance' }
			]
		});
		await createScorecard(handle.db, {
			organisationId: idOf('essen'),
			field: 'beihilfe',
			kpis: [{ code: 'BH-DAUER' }]
		});
		koeln = (await findMapScorecard(handle.db, 'koeln', 'beihilfe'))!;
		essen = (await findMapScorecard(handle.db, 'essen', 'beihilfe'))!;
		koelnObjectives = await objectivesOf(koeln.scorecardId);
		essenObjective = (await objectivesOf(essen.scorecardId))[0]!;
		actorUserId = (
			await createUserWithRoles(handle.db, [{ role: 'controller', organisationId: idOf('koeln') }])
		).id;
	});
	afterAll(() => handle.close());

	it('finds the scorecard of a city and field with its version, and nothing for unknown ones', async () => {
		expect(koeln).toMatchObject({ version: expect.any(Number) });
		expect(essen.scorecardId).not.toBe(koeln.scorecardId);
		expect(koelnObjectives.map((o) => o.title)).toEqual([
			'Ziel Auftragserfüllung / Wirkung',
			'Ziel Bürger / Kunden',
			'Ziel Finanzen'
		]);
		expect(await findMapScorecard(handle.db, 'atlantis', 'beihilfe')).toBeNull();
		expect(await findMapScorecard(handle.db, 'koeln', 'unbekannt')).toBeNull();
	});

	it('adds a link, bumps the version and writes an audit entry in one go', async () => {
		const [cause, effect] = [koelnObjectives[2]!, koelnObjectives[0]!];
		const version = await versionOf(koeln.scorecardId);
		const result = await addObjectiveLink(handle.db, change(cause.id, effect.id, version));
		expect(result).toEqual({
			ok: true,
			version: version + 1,
			fromTitle: cause.title,
			toTitle: effect.title
		});
		expect(await versionOf(koeln.scorecardId)).toBe(version + 1);
		expect(await loadObjectiveLinks(handle.db, koeln.scorecardId)).toEqual([
			{ fromObjectiveId: cause.id, toObjectiveId: effect.id }
		]);
		const entry = (await audits()).at(-1)!;
		expect(entry).toMatchObject({
			userId: actorUserId,
			organisationId: koeln.organisationId,
			action: 'scorecard.link_add',
			entityId: `${cause.id}->${effect.id}`
		});
		expect(entry.after).toContain(effect.title);
	});

	it('reads the links of a scorecard in one query and only its own', async () => {
		sent.length = 0;
		const links = await loadObjectiveLinks(handle.db, koeln.scorecardId);
		expect(sent).toHaveLength(1);
		expect(links).toHaveLength(1);
		expect(await loadObjectiveLinks(handle.db, essen.scorecardId)).toEqual([]);
	});

	it('refuses a link that already exists and changes nothing', async () => {
		const version = await versionOf(koeln.scorecardId);
		const before = (await audits()).length;
		const result = await addObjectiveLink(
			handle.db,
			change(koelnObjectives[2]!.id, koelnObjectives[0]!.id, version)
		);
		expect(result).toEqual({ ok: false, reason: 'duplicate' });
		expect(await versionOf(koeln.scorecardId)).toBe(version);
		expect(await audits()).toHaveLength(before);
	});

	it('refuses the same objective as cause and effect', async () => {
		const version = await versionOf(koeln.scorecardId);
		const id = koelnObjectives[1]!.id;
		expect(await addObjectiveLink(handle.db, change(id, id, version))).toEqual({
			ok: false,
			reason: 'same_objective'
		});
		expect(await versionOf(koeln.scorecardId)).toBe(version);
	});

	it("refuses an objective of another city's scorecard, on either side", async () => {
		const version = await versionOf(koeln.scorecardId);
		const before = (await audits()).length;
		const own = koelnObjectives[0]!.id;
		expect(await addObjectiveLink(handle.db, change(own, essenObjective.id, version))).toEqual({
			ok: false,
			reason: 'foreign_objective',
			field: 'toObjectiveId'
		});
		expect(await addObjectiveLink(handle.db, change(essenObjective.id, own, version))).toEqual({
			ok: false,
			reason: 'foreign_objective',
			field: 'fromObjectiveId'
		});
		expect(await addObjectiveLink(handle.db, change(own, 2_000_000_000, version))).toMatchObject({
			reason: 'foreign_objective'
		});
		// Nothing written, and the refused attempts did not use up the version either.
		expect(await versionOf(koeln.scorecardId)).toBe(version);
		expect(await audits()).toHaveLength(before);
		const stray = await handle.db
			.select()
			.from(objectiveLinks)
			.where(
				and(
					eq(objectiveLinks.fromObjectiveId, own),
					eq(objectiveLinks.toObjectiveId, essenObjective.id)
				)
			);
		expect(stray).toEqual([]);
	});

	it('writes nothing when the form was read at an older version', async () => {
		const version = await versionOf(koeln.scorecardId);
		const before = (await audits()).length;
		const links = await loadObjectiveLinks(handle.db, koeln.scorecardId);
		const result = await addObjectiveLink(
			handle.db,
			change(koelnObjectives[1]!.id, koelnObjectives[0]!.id, version - 1)
		);
		expect(result).toEqual({ ok: false, reason: 'conflict' });
		const removal = await removeObjectiveLink(
			handle.db,
			change(links[0]!.fromObjectiveId, links[0]!.toObjectiveId, version - 1)
		);
		expect(removal).toEqual({ ok: false, reason: 'conflict' });
		expect(await versionOf(koeln.scorecardId)).toBe(version);
		expect(await loadObjectiveLinks(handle.db, koeln.scorecardId)).toEqual(links);
		expect(await audits()).toHaveLength(before);
	});

	it('lets only one of two editors at the same version win', async () => {
		const version = await versionOf(koeln.scorecardId);
		const [a, b, c] = koelnObjectives;
		const results = await Promise.all([
			addObjectiveLink(handle.db, change(a!.id, b!.id, version)),
			addObjectiveLink(handle.db, change(a!.id, c!.id, version))
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'conflict' }]);
		expect(await versionOf(koeln.scorecardId)).toBe(version + 1);
		const winner = results.findIndex((r) => r.ok);
		const version2 = version + 1;
		// Tidy up, so the next test starts from one link again.
		await removeObjectiveLink(handle.db, change(a!.id, winner === 0 ? b!.id : c!.id, version2));
	});

	it('removes a link with an audit entry, and refuses to remove one that does not exist', async () => {
		const [link] = await loadObjectiveLinks(handle.db, koeln.scorecardId);
		const version = await versionOf(koeln.scorecardId);
		const result = await removeObjectiveLink(
			handle.db,
			change(link!.fromObjectiveId, link!.toObjectiveId, version)
		);
		expect(result).toMatchObject({ ok: true, version: version + 1 });
		expect(await loadObjectiveLinks(handle.db, koeln.scorecardId)).toEqual([]);
		const entry = (await audits()).at(-1)!;
		expect(entry).toMatchObject({
			action: 'scorecard.link_remove',
			organisationId: koeln.organisationId,
			entityId: `${link!.fromObjectiveId}->${link!.toObjectiveId}`
		});
		expect(entry.before).not.toBeNull();

		const again = await removeObjectiveLink(
			handle.db,
			change(link!.fromObjectiveId, link!.toObjectiveId, version + 1)
		);
		expect(again).toEqual({ ok: false, reason: 'not_found' });
		expect(await versionOf(koeln.scorecardId)).toBe(version + 1);
	});
});
