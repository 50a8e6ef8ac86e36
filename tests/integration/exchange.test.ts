import { and, asc, count, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditLog,
	cooperationFields,
	exchangeNoteRevisions,
	exchangeNotes,
	kpis,
	measurements,
	organisations,
	pilots,
	roleAssignments,
	users,
	valueFactors
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import type { Principal } from '../../src/lib/server/auth/permissions';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadComparison } from '../../src/lib/server/compare/comparison';
import { comparisonTable } from '../../src/lib/server/compare/comparison-table';
import {
	loadPilotNotes,
	loadSeriesFactors,
	loadValueNotes,
	type ValueKey
} from '../../src/lib/server/exchange/queries';
import {
	addFactor,
	addNote,
	deleteNote,
	editNote,
	removeFactor
} from '../../src/lib/server/exchange/write';
import { factorAddSchema, noteAddSchema } from '../../src/lib/schemas/exchange';
import { createTestDatabase } from '../helpers/test-database';

describe('experience exchange', () => {
	let handle: DatabaseHandle;
	const who: Record<string, Principal> = {};
	let koeln = 0;
	let pilot = { pilotId: 0, fieldId: 0 };
	let value: ValueKey;
	let compared = { field: '', kpi: '' };
	const viewerOf = (p: Principal): Viewer => ({ kind: 'user', principal: p });

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'demo' });
		for (const email of [
			'controlling.koeln@demo.ikz-nrw.de',
			'controlling.duesseldorf@demo.ikz-nrw.de',
			'staedtetag@demo.ikz-nrw.de',
			'admin@demo.ikz-nrw.de'
		]) {
			const [u] = await handle.db
				.select({ id: users.id })
				.from(users)
				.where(eq(users.email, email));
			const roles = await handle.db
				.select({
					role: roleAssignments.role,
					organisationId: roleAssignments.organisationId,
					fieldId: roleAssignments.fieldId
				})
				.from(roleAssignments)
				.where(eq(roleAssignments.userId, u!.id));
			who[email.split('@')[0]!] = { userId: u!.id, roles };
		}
		const [o] = await handle.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.slug, 'koeln'));
		koeln = o!.id;
		const [p] = await handle.db
			.select({ pilotId: pilots.id, fieldId: pilots.fieldId })
			.from(pilots)
			.limit(1);
		pilot = p!;
		// A released Köln value of a shared KPI in 2024, a year Köln delivered all four quarters of
		// it, so both the quarter and the year comparison show it.
		const [m] = await handle.db
			.select({
				kpiId: measurements.kpiId,
				year: measurements.year,
				quarter: measurements.quarter,
				field: cooperationFields.slug,
				code: kpis.code
			})
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.innerJoin(cooperationFields, eq(cooperationFields.id, kpis.fieldId))
			.where(
				and(
					eq(measurements.organisationId, koeln),
					eq(measurements.state, 'released'),
					eq(measurements.year, 2024),
					isNull(kpis.ownerOrganisationId),
					isNull(kpis.archivedAt),
					inArray(
						measurements.kpiId,
						handle.db
							.select({ id: measurements.kpiId })
							.from(measurements)
							.where(and(eq(measurements.organisationId, koeln), eq(measurements.year, 2024)))
							.groupBy(measurements.kpiId)
							.having(sql`count(*) = 4`)
					),
					// Not the value the demo seeds notes on, so the counts below are this test's own.
					notInArray(
						measurements.kpiId,
						handle.db.select({ id: valueFactors.kpiId }).from(valueFactors)
					)
				)
			)
			.orderBy(asc(kpis.code), asc(measurements.quarter))
			.limit(1);
		const { field, code, ...key } = m!;
		value = { organisationId: koeln, ...key };
		compared = { field, kpi: code };
	});
	afterAll(() => handle.close());

	/** The comparison of the value's KPI as a viewer sees it, for the value's quarter or year. */
	const comparison = async (viewer: Viewer, kind: 'quarter' | 'year' = 'quarter') =>
		(await loadComparison(handle.db, viewer, {
			...compared,
			period:
				kind === 'quarter'
					? { kind, year: value.year, quarter: value.quarter }
					: { kind, year: value.year },
			group: null,
			basis: 'defined'
		}))!;
	/** Köln's factors as the comparison shows them. */
	const comparedFactors = async (viewer: Viewer, kind: 'quarter' | 'year' = 'quarter') =>
		(await comparison(viewer, kind)).factors.filter((f) => f.organisationId === koeln);
	const controllerK = () => who['controlling.koeln']!;
	const controllerD = () => who['controlling.duesseldorf']!;
	const setState = (state: 'draft' | 'released') =>
		handle.db
			.update(measurements)
			.set({ state, releasedAt: state === 'released' ? new Date() : null })
			.where(
				and(
					eq(measurements.organisationId, value.organisationId),
					eq(measurements.kpiId, value.kpiId),
					eq(measurements.year, value.year),
					eq(measurements.quarter, value.quarter)
				)
			);

	it('keeps author, date and every earlier wording of a pilot note', async () => {
		const observer = who['staedtetag']!;
		const added = await addNote(handle.db, {
			principal: observer,
			target: pilot,
			kind: 'comment',
			body: 'Erste Fassung'
		});
		expect(added.ok).toBe(true);
		const id = added.ok ? added.id : 0;
		expect(
			await editNote(handle.db, {
				principal: observer,
				scope: { pilotId: pilot.pilotId },
				noteId: id,
				version: 1,
				kind: 'lesson',
				body: 'Zweite Fassung'
			})
		).toEqual({ ok: true });
		const [note] = (await loadPilotNotes(handle.db, pilot.pilotId)).filter((n) => n.id === id);
		expect(note).toMatchObject({
			kind: 'lesson',
			body: 'Zweite Fassung',
			version: 2,
			authorUserId: observer.userId,
			authorName: 'Demo Städtetag (Beobachtung)'
		});
		expect(note!.createdAt).toBeInstanceOf(Date);
		expect(note!.updatedAt.getTime()).toBeGreaterThanOrEqual(note!.createdAt.getTime());
		expect(note!.revisions).toHaveLength(1);
		expect(note!.revisions[0]).toMatchObject({
			kind: 'comment',
			body: 'Erste Fassung',
			writtenBy: 'Demo Städtetag (Beobachtung)'
		});
		expect(note!.revisions[0]!.writtenAt).toBeInstanceOf(Date);
		const audits = await handle.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(eq(auditLog.entityId, String(id)));
		expect(audits.map((a) => a.action)).toEqual(
			expect.arrayContaining(['exchange_note.create', 'exchange_note.edit'])
		);
	});

	it('refuses a stale edit and an edit by someone else, writing nothing', async () => {
		const added = await addNote(handle.db, {
			principal: controllerK(),
			target: pilot,
			kind: 'comment',
			body: 'Von Köln'
		});
		const noteId = added.ok ? added.id : 0;
		const scope = { pilotId: pilot.pilotId };
		const edit = { scope, noteId, kind: 'comment' as const, body: 'Geändert' };
		expect(await editNote(handle.db, { ...edit, principal: controllerD(), version: 1 })).toEqual({
			ok: false,
			refusal: { code: 'not_author' }
		});
		expect(await deleteNote(handle.db, { principal: controllerD(), scope, noteId })).toEqual({
			ok: false,
			refusal: { code: 'not_author' }
		});
		expect(await editNote(handle.db, { ...edit, principal: controllerK(), version: 1 })).toEqual({
			ok: true
		});
		expect(
			await editNote(handle.db, { ...edit, body: 'Später', principal: controllerK(), version: 1 })
		).toEqual({ ok: false, refusal: { code: 'stale' } });
		const [row] = await handle.db
			.select({ body: exchangeNotes.body, version: exchangeNotes.version })
			.from(exchangeNotes)
			.where(eq(exchangeNotes.id, noteId));
		expect(row).toEqual({ body: 'Geändert', version: 2 });
		// The author deletes for good: the note and its history are gone.
		expect(await deleteNote(handle.db, { principal: controllerK(), scope, noteId })).toEqual({
			ok: true
		});
		const [left] = await handle.db
			.select({ n: count() })
			.from(exchangeNoteRevisions)
			.where(eq(exchangeNoteRevisions.noteId, noteId));
		expect(left!.n).toBe(0);
	});

	it('refuses a note id that belongs to another pilot or city', async () => {
		const added = await addNote(handle.db, {
			principal: controllerK(),
			target: pilot,
			kind: 'comment',
			body: 'Hier'
		});
		const noteId = added.ok ? added.id : 0;
		expect(
			await deleteNote(handle.db, {
				principal: controllerK(),
				scope: { organisationId: koeln },
				noteId
			})
		).toEqual({ ok: false, refusal: { code: 'not_found' } });
	});

	it('shows notes and factors of a value to another city only while the value is released', async () => {
		await setState('draft');
		const note = await addNote(handle.db, {
			principal: controllerK(),
			target: value,
			kind: 'lesson',
			body: 'Sondereffekt durch Umstellung'
		});
		expect(note.ok).toBe(true);
		const factor = await addFactor(handle.db, {
			principal: controllerK(),
			value,
			kind: 'one_off',
			explanation: 'Nachbuchung aus dem Vorjahr',
			estimatedEffect: 'ca. +5 %'
		});
		expect(factor.ok).toBe(true);
		const d = viewerOf(controllerD());
		const k = viewerOf(controllerK());
		expect(await loadValueNotes(handle.db, k, value)).toHaveLength(1);
		expect(await loadValueNotes(handle.db, d, value)).toEqual([]);
		expect(await loadSeriesFactors(handle.db, d, koeln, value.kpiId)).toEqual([]);
		expect(await comparedFactors(d)).toEqual([]);
		expect(await comparedFactors(d, 'year')).toEqual([]);
		// Köln's own controller sees the factor on its draft, in the quarter and in the year.
		expect(await comparedFactors(k)).toEqual([
			{ organisationId: koeln, quarter: value.quarter, kind: 'one_off' }
		]);
		// Düsseldorf cannot write on the draft either.
		expect(
			await addNote(handle.db, {
				principal: controllerD(),
				target: value,
				kind: 'comment',
				body: 'Frage'
			})
		).toEqual({ ok: false, refusal: { code: 'not_visible' } });

		await setState('released');
		expect((await loadValueNotes(handle.db, d, value)).map((n) => n.body)).toEqual([
			'Sondereffekt durch Umstellung'
		]);
		const seen = await loadSeriesFactors(handle.db, d, koeln, value.kpiId);
		expect(seen.map((f) => [f.kind, f.explanation, f.estimatedEffect])).toEqual([
			['one_off', 'Nachbuchung aus dem Vorjahr', 'ca. +5 %']
		]);
		const expected = [{ organisationId: koeln, quarter: value.quarter, kind: 'one_off' }];
		expect(await comparedFactors(d)).toEqual(expected);
		expect(await comparedFactors(d, 'year')).toEqual(expected);
		// The comparison's download names it in the notes column, with the quarter in a year view.
		const download = comparisonTable(await comparison(d, 'year'), 'de');
		expect(download.rows.find((row) => row[1] === 'Köln')![6]).toContain(
			`Einflussfaktor: Einmaleffekt (Q${value.quarter})`
		);
		expect(
			(
				await addNote(handle.db, {
					principal: controllerD(),
					target: value,
					kind: 'comment',
					body: 'Wie habt ihr das gemacht?'
				})
			).ok
		).toBe(true);

		// Reopened: gone again for Düsseldorf, and Düsseldorf's own note cannot be edited meanwhile.
		await setState('draft');
		expect(await loadValueNotes(handle.db, d, value)).toEqual([]);
		expect(await loadSeriesFactors(handle.db, d, koeln, value.kpiId)).toEqual([]);
		expect(await comparedFactors(d, 'year')).toEqual([]);
		expect(await loadValueNotes(handle.db, k, value)).toHaveLength(2);
		await setState('released');
	});

	it('lets only who enters the city’s values record and remove factors', async () => {
		const input = {
			value,
			kind: 'case_mix' as const,
			explanation: 'Mehr komplexe Fälle',
			estimatedEffect: ''
		};
		expect(await addFactor(handle.db, { ...input, principal: controllerD() })).toEqual({
			ok: false,
			refusal: { code: 'forbidden' }
		});
		expect(await addFactor(handle.db, { ...input, principal: who['admin']! })).toEqual({
			ok: false,
			refusal: { code: 'forbidden' }
		});
		const added = await addFactor(handle.db, { ...input, principal: controllerK() });
		const factorId = added.ok ? added.id : 0;
		expect(
			await removeFactor(handle.db, {
				principal: controllerD(),
				organisationId: koeln,
				factorId
			})
		).toEqual({ ok: false, refusal: { code: 'forbidden' } });
		expect(
			await removeFactor(handle.db, {
				principal: controllerK(),
				organisationId: koeln,
				factorId
			})
		).toEqual({ ok: true });
		const [left] = await handle.db
			.select({ n: count() })
			.from(valueFactors)
			.where(eq(valueFactors.id, factorId));
		expect(left!.n).toBe(0);
		const audits = await handle.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'value_factor'), eq(auditLog.entityId, String(factorId))));
		expect(audits.map((a) => a.action).sort()).toEqual([
			'value_factor.create',
			'value_factor.delete'
		]);
	});

	it('refuses NUL-only and oversized input with a clear message before anything is written', () => {
		const nul = noteAddSchema.safeParse({ kind: 'comment', body: '\u0000\u0000' });
		expect(nul.success).toBe(false);
		expect(nul.error!.issues[0]!.path).toEqual(['body']);
		expect(noteAddSchema.safeParse({ kind: 'comment', body: 'a\u0000b' }).data?.body).toBe('ab');
		const huge = noteAddSchema.safeParse({ kind: 'comment', body: 'x'.repeat(4001) });
		expect(huge.success).toBe(false);
		expect(huge.error!.issues[0]).toMatchObject({ code: 'too_big', path: ['body'] });
		const factor = factorAddSchema.safeParse({
			kpiId: '1',
			year: '2025',
			quarter: '5',
			factorKind: 'weather',
			explanation: ''
		});
		expect(factor.error!.issues.map((i) => i.path[0]).sort()).toEqual([
			'explanation',
			'factorKind',
			'quarter'
		]);
	});

	it('rejects a note on both or neither target in the database itself', async () => {
		await expect(
			handle.db.insert(exchangeNotes).values({
				pilotId: pilot.pilotId,
				...value,
				body: 'beides',
				authorUserId: controllerK().userId
			})
		).rejects.toThrow();
		await expect(
			handle.db.insert(exchangeNotes).values({ body: 'nichts', authorUserId: controllerK().userId })
		).rejects.toThrow();
	});
});
