import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditLog,
	exchangeNoteRevisions,
	exchangeNotes,
	measurements,
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
import { loadPrincipal } from '../../src/lib/server/auth/users';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues
} from '../helpers/factories';
import { createPilotRecord } from '../helpers/factory-pilots';
import { createTestDatabase } from '../helpers/test-database';

describe('experience exchange', () => {
	let handle: DatabaseHandle;
	const who: Record<string, Principal> = {};
	let kelbergId = 0;
	const pilot = { pilotId: 0, fieldId: 0 };
	let value: ValueKey;
	let compared = { field: '', kpi: '' };
	const viewerOf = (p: Principal): Viewer => ({ kind: 'user', principal: p });

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		// Two cities of the Beihilfe field, each with all four quarters of 2024 released.
		const kelberg = await createCity(db, { name: 'Kelberg' });
		const dahlen = await createCity(db, { name: 'Dahlen' });
		kelbergId = kelberg.id;
		const quarters = (base: number) => ({
			'2024-Q1': base,
			'2024-Q2': base + 1,
			'2024-Q3': base + 2,
			'2024-Q4': base + 3
		});
		let kpiId = 0;
		for (const [city, base] of [
			[kelberg, 30],
			[dahlen, 40]
		] as const) {
			const card = await createScorecard(db, {
				organisationId: city.id,
				field: 'beihilfe',
				kpis: [{ code: 'BH-DAUER' }]
			});
			kpiId = card.kpiIds.get('BH-DAUER')!;
			await createValues(db, { organisationId: city.id, kpiId, values: quarters(base) });
			pilot.fieldId = card.fieldId;
		}
		pilot.pilotId = (
			await createPilotRecord(db, {
				fieldId: pilot.fieldId,
				title: 'Gemeinsame Beihilfebearbeitung',
				leadOrganisationId: kelberg.id,
				startsOn: '2025-01-01',
				endsOn: '2027-12-31',
				partners: [{ organisationId: kelberg.id }, { organisationId: dahlen.id }]
			})
		).id;
		const accounts = [
			['kelberg', [{ role: 'controller', organisationId: kelberg.id }], 'Carla Kelberg'],
			['dahlen', [{ role: 'controller', organisationId: dahlen.id }], 'Dirk Dahlen'],
			['observer', [{ role: 'observer' }], 'Olga Beobachtung'],
			['admin', [{ role: 'admin' }], 'Ada Administration']
		] as const;
		for (const [key, roles, displayName] of accounts) {
			const user = await createUserWithRoles(db, [...roles], { displayName });
			const { roles: held } = (await loadPrincipal(db, user.id))!;
			who[key] = { userId: user.id, roles: held };
		}
		// Kelberg's released value of the first quarter of 2024, a year with all four quarters, so
		// both the quarter and the year comparison show it.
		value = { organisationId: kelbergId, kpiId, year: 2024, quarter: 1 };
		compared = { field: 'beihilfe', kpi: 'BH-DAUER' };
	}, 120_000);
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
	/** Kelberg's factors as the comparison shows them. */
	const comparedFactors = async (viewer: Viewer, kind: 'quarter' | 'year' = 'quarter') =>
		(await comparison(viewer, kind)).factors.filter((f) => f.organisationId === kelbergId);
	const controllerK = () => who['kelberg']!;
	const controllerD = () => who['dahlen']!;
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
		const observer = who['observer']!;
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
			authorName: 'Olga Beobachtung'
		});
		expect(note!.createdAt).toBeInstanceOf(Date);
		expect(note!.updatedAt.getTime()).toBeGreaterThanOrEqual(note!.createdAt.getTime());
		expect(note!.revisions).toHaveLength(1);
		expect(note!.revisions[0]).toMatchObject({
			kind: 'comment',
			body: 'Erste Fassung',
			writtenBy: 'Olga Beobachtung'
		});
		expect(note!.revisions[0]!.writtenAt).toBeInstanceOf(Date);
		const audits = await handle.db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.entity, 'exchange_note'), eq(auditLog.entityId, String(id))))
			.orderBy(auditLog.id);
		expect(audits.map((a) => a.action)).toEqual(['exchange_note.create', 'exchange_note.edit']);
	});

	it('refuses a stale edit and an edit by someone else, writing nothing', async () => {
		const added = await addNote(handle.db, {
			principal: controllerK(),
			target: pilot,
			kind: 'comment',
			body: 'Von Kelberg'
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
				scope: { organisationId: kelbergId },
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
		expect(await loadSeriesFactors(handle.db, d, kelbergId, value.kpiId)).toEqual([]);
		expect(await comparedFactors(d)).toEqual([]);
		expect(await comparedFactors(d, 'year')).toEqual([]);
		// Kelberg's own controller sees the factor on its draft, in the quarter and in the year.
		expect(await comparedFactors(k)).toEqual([
			{ organisationId: kelbergId, quarter: value.quarter, kind: 'one_off' }
		]);
		// Dahlen cannot write on the draft either.
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
		const seen = await loadSeriesFactors(handle.db, d, kelbergId, value.kpiId);
		expect(seen.map((f) => [f.kind, f.explanation, f.estimatedEffect])).toEqual([
			['one_off', 'Nachbuchung aus dem Vorjahr', 'ca. +5 %']
		]);
		const expected = [{ organisationId: kelbergId, quarter: value.quarter, kind: 'one_off' }];
		expect(await comparedFactors(d)).toEqual(expected);
		expect(await comparedFactors(d, 'year')).toEqual(expected);
		// The comparison's download names it in the notes column, with the quarter in a year view.
		const download = comparisonTable(await comparison(d, 'year'), 'de');
		expect(download.rows.find((row) => row[1] === 'Kelberg')![6]).toContain(
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

		// Reopened: gone again for Dahlen, and Dahlen's own note cannot be edited meanwhile.
		await setState('draft');
		expect(await loadValueNotes(handle.db, d, value)).toEqual([]);
		expect(await loadSeriesFactors(handle.db, d, kelbergId, value.kpiId)).toEqual([]);
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
				organisationId: kelbergId,
				factorId
			})
		).toEqual({ ok: false, refusal: { code: 'forbidden' } });
		expect(
			await removeFactor(handle.db, {
				principal: controllerK(),
				organisationId: kelbergId,
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
