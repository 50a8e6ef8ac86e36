import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { measurements, reportingPeriods } from '../../src/lib/server/db/schema';
import type { DatabaseHandle, Db } from '../../src/lib/server/db/types';
import { findUserByEmail, loadPrincipal } from '../../src/lib/server/auth/users';
import { loadEntryGrid, type EntryGrid } from '../../src/lib/server/entry/grid';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues
} from '../helpers/factories';
import { createPeriod } from '../helpers/factory-periods';
import { createTestDatabase } from '../helpers/test-database';

// The route's actions take the database from appDb(); here it is this file's test database.
const holder = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock('$lib/server/db', async (importOriginal) => ({
	...(await importOriginal<object>()),
	appDb: () => holder.db as Db
}));
const route = await import('../../src/routes/cities/[city]/[field]/entry/+page.server');
const review = await import('../../src/routes/cities/[city]/[field]/review/+page.server');

/**
 * Issue 14, point 1, at the server: the entry page's writes (save, submit, reopen) and the
 * review page's release act on the quarter their form names and refuse — changing nothing — a form without a
 * quarter, one whose quarter is not the page's, and rows changed since the page showed them.
 * A city × D115 as in the report: Q3/2025 reopened by the field lead, the Q3/2026 values drafts.
 */
const FIELD = 'service-center-d115';
const PAST = { year: 2025, quarter: 3 };
const CURRENT = { year: 2026, quarter: 3 };
const KPI = 'D115-ELQ';

type Action = 'save' | 'submit' | 'release' | 'reopen';
/** Releasing happens on the review page only (issue 16, point 3); the rest on the entry page. */
const pageOf = (action: Action) => (action === 'release' ? 'review' : 'entry');
interface Answer {
	status: number;
	data: Record<string, unknown> & { notice: { kind: string; text: string } };
}

describe('entry writes name their quarter', () => {
	let handle: DatabaseHandle;
	let cityId: number;
	let city: string;
	let fieldId: number;
	const people = {} as Record<'controller' | 'approver', App.Locals['user']>;

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		holder.db = handle.db;
		const db = handle.db;
		const weststadt = await createCity(db, { name: 'Weststadt' });
		cityId = weststadt.id;
		city = weststadt.slug;
		for (const [who, email] of [
			['controller', 'controlling@weststadt.test'],
			['approver', 'freigabe@weststadt.test']
		] as const) {
			await createUserWithRoles(db, [{ role: who, organisationId: cityId }], { email });
			const user = (await findUserByEmail(db, email))!;
			const { roles } = (await loadPrincipal(db, user.id))!;
			people[who] = { ...user, hasTotp: false, roles };
		}
		// D115: Q2/2025 released; in Q3/2025 D115-ELQ a draft (reopened), the others released;
		// every Q3/2026 value a draft.
		const d115 = await createScorecard(db, {
			organisationId: cityId,
			field: FIELD,
			kpis: [
				{ code: 'D115-ELQ', perspective: 'mandate' },
				{ code: 'D115-SL30', perspective: 'customers' },
				{ code: 'D115-WARTEZEIT', perspective: 'processes' }
			]
		});
		fieldId = d115.fieldId;
		const values = { 'D115-ELQ': 70, 'D115-SL30': 80, 'D115-WARTEZEIT': 40 };
		for (const [code, value] of Object.entries(values)) {
			const kpiId = d115.kpiIds.get(code)!;
			await createValues(db, { organisationId: cityId, kpiId, values: { '2025-Q2': value } });
			await createValues(db, {
				organisationId: cityId,
				kpiId,
				values: { '2025-Q3': value + 1 },
				state: code === KPI ? 'draft' : 'released'
			});
			await createValues(db, {
				organisationId: cityId,
				kpiId,
				values: { '2026-Q3': value + 2 },
				state: 'draft'
			});
		}
		// Beihilfe Q3/2026: BH-ANTR-VZ released red (500 against green from 1000) without a comment,
		// BH-DAUER released.
		const beihilfe = await createScorecard(db, {
			organisationId: cityId,
			field: 'beihilfe',
			kpis: [
				{ code: 'BH-DAUER', perspective: 'mandate' },
				{
					code: 'BH-ANTR-VZ',
					perspective: 'processes',
					targets: { 2026: { greenMin: '1000', yellowMin: '800' } }
				}
			]
		});
		for (const [code, before, now] of [
			['BH-DAUER', 30, 31],
			['BH-ANTR-VZ', 900, 500]
		] as const)
			await createValues(db, {
				organisationId: cityId,
				kpiId: beihilfe.kpiIds.get(code)!,
				values: { '2026-Q2': before, '2026-Q3': now }
			});
		await createPeriod(db, { fieldId, ...PAST });
		await createPeriod(db, { fieldId, ...CURRENT });
		await createPeriod(db, { fieldId: beihilfe.fieldId, ...CURRENT });
	}, 120_000);
	afterAll(() => handle.close());

	const inQuarter = (q: { year: number; quarter: number }) =>
		and(
			eq(measurements.organisationId, cityId),
			eq(measurements.year, q.year),
			eq(measurements.quarter, q.quarter)
		);

	/** Before each test: Q3/2025 reopened with D115-ELQ a draft again, every Q3/2026 value a draft. */
	beforeEach(async () => {
		await handle.db
			.update(reportingPeriods)
			.set({ closedAt: null })
			.where(
				and(
					eq(reportingPeriods.fieldId, fieldId),
					eq(reportingPeriods.year, PAST.year),
					eq(reportingPeriods.quarter, PAST.quarter)
				)
			);
		const g = await grid(CURRENT);
		await handle.db
			.update(measurements)
			.set({ state: 'draft', releasedAt: null, releasedBy: null })
			.where(
				and(
					inQuarter(CURRENT),
					inArray(
						measurements.kpiId,
						g.rows.map((r) => r.kpiId)
					)
				)
			);
		const past = await grid(PAST);
		const elq = past.rows.find((r) => r.code === KPI)!;
		await handle.db
			.update(measurements)
			.set({ state: 'draft', releasedAt: null, releasedBy: null })
			.where(and(inQuarter(PAST), eq(measurements.kpiId, elq.kpiId)));
	});

	const grid = async (q: { year: number; quarter: number }, field = FIELD): Promise<EntryGrid> =>
		(await loadEntryGrid(handle.db, city, field, q, 'de'))!;
	const rowOf = (g: EntryGrid, code: string) => g.rows.find((r) => r.code === code)!;

	/** Every stored value of the city in a quarter, for "nothing changed" checks. */
	const fingerprint = (q: { year: number; quarter: number }) =>
		handle.db
			.select({
				kpiId: measurements.kpiId,
				value: measurements.value,
				comment: measurements.comment,
				state: measurements.state,
				version: measurements.version
			})
			.from(measurements)
			.where(inQuarter(q))
			.orderBy(asc(measurements.kpiId));

	/** The review page's confirmed release of the value of `code`, as shown in `g` (Q3/2025). */
	const releaseFields = (g: EntryGrid, code: string, version?: number): [string, string][] => [
		['quarter', '2025-3'],
		['confirmed', 'yes'],
		['seen', `${rowOf(g, code).kpiId}:${version ?? rowOf(g, code).current!.version}`]
	];

	/** The grid's form as the page posts it, with `changes` typed over the shown values. */
	function gridFields(g: EntryGrid, changes: Record<string, { value?: string; comment?: string }>) {
		return g.rows.flatMap((r): [string, string][] => [
			['kpi', String(r.kpiId)],
			[
				'value_' + r.kpiId,
				changes[r.code]?.value ?? (r.current ? String(r.current.value).replace('.', ',') : '')
			],
			['comment_' + r.kpiId, changes[r.code]?.comment ?? r.current?.comment ?? ''],
			['version_' + r.kpiId, String(r.current?.version ?? 0)]
		]);
	}

	/** Posts like a browser: `?/<action>` plus `query`, as the given person; the action's answer. */
	async function post(
		action: Action,
		who: keyof typeof people,
		query: string,
		fields: [string, string][],
		field = FIELD
	): Promise<Answer> {
		const page = pageOf(action);
		const url = new URL(`http://localhost/cities/${city}/${field}/${page}?/${action}${query}`);
		const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields) });
		const event = {
			request,
			url,
			route: { id: `/cities/[city]/[field]/${page}` },
			params: { city, field },
			locals: { user: people[who], session: null }
		} as unknown as RequestEvent;
		const actions = (page === 'review' ? review.actions : route.actions) as Record<
			string,
			(event: never) => unknown
		>;
		const result = (await actions[action]!(event as never)) as unknown;
		if (result && typeof result === 'object' && 'status' in result && 'data' in result)
			return result as Answer;
		return { status: 200, data: result as Answer['data'] };
	}

	it('saves, submits, releases and reopens on the quarter the form names, not the newest open one', async () => {
		const current = await fingerprint(CURRENT);
		let past = await grid(PAST);
		const elq = rowOf(past, KPI);

		const saved = await post('save', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...gridFields(past, { [KPI]: { value: '71,3', comment: 'Korrektur nach Nachzählung' } })
		]);
		expect(saved).toMatchObject({ status: 200, data: { quarter: '2025-Q3' } });
		expect(saved.data.notice.text).toBe('Gespeichert in Q3/2025: 1 Werte geändert.');
		past = await grid(PAST);
		expect(rowOf(past, KPI).current).toMatchObject({ value: 71.3, state: 'draft' });

		// A page of before this fix posted to `?/submit` without `q`: the form's quarter decides.
		const submitted = await post('submit', 'controller', '', [
			['quarter', '2025-3'],
			...gridFields(past, {})
		]);
		expect(submitted.data.notice.text).toBe(
			'Q3/2025: 1 Werte eingereicht. Sie warten jetzt auf die Freigabe.'
		);
		past = await grid(PAST);
		expect(rowOf(past, KPI).current!.state).toBe('submitted');

		const released = await post('release', 'approver', '&q=2025-3', releaseFields(past, KPI));
		expect(released.data.notice.text).toBe(
			'Q3/2025: 1 Werte angenommen und für den Ring freigegeben.'
		);
		past = await grid(PAST);
		expect(rowOf(past, KPI).current!.state).toBe('released');

		const reopened = await post('reopen', 'approver', '&q=2025-3', [
			['quarter', '2025-3'],
			['kpiId', String(elq.kpiId)],
			['version_' + elq.kpiId, String(rowOf(past, KPI).current!.version)],
			['reason', 'Zweite Korrektur']
		]);
		expect(reopened.data.notice.text).toBe(
			'D115-ELQ in Q3/2025: Der Wert ist wieder als Entwurf offen.'
		);
		expect(rowOf(await grid(PAST), KPI).current!.state).toBe('draft');

		expect(await fingerprint(CURRENT)).toEqual(current);
	});

	it('has no release of its own: releasing is the review page’s, after a confirmation', () => {
		expect(Object.keys(route.actions).sort()).toEqual(['reopen', 'save', 'submit']);
	});

	it('refuses every write whose form names no quarter or a malformed one, changing nothing', async () => {
		const past = await grid(PAST);
		const elq = rowOf(past, KPI);
		const before = [await fingerprint(PAST), await fingerprint(CURRENT)];
		const bodies: Record<Action, [string, string][]> = {
			save: gridFields(past, { [KPI]: { value: '50' } }),
			submit: gridFields(past, { [KPI]: { comment: 'geprüft' } }),
			release: [
				['confirmed', 'yes'],
				['seen', `${elq.kpiId}:${elq.current!.version}`]
			],
			reopen: [
				['kpiId', String(elq.kpiId)],
				['version_' + elq.kpiId, String(elq.current!.version)],
				['reason', 'Korrektur']
			]
		};
		for (const action of ['save', 'submit', 'release', 'reopen'] as const) {
			for (const quarter of [null, '', '2025', '2025-Q7', '2025-7', '3-2025']) {
				const fields: [string, string][] = quarter === null ? [] : [['quarter', quarter]];
				for (const query of ['', '&q=2025-3']) {
					const answer = await post(
						action,
						action === 'save' || action === 'submit' ? 'controller' : 'approver',
						query,
						[...fields, ...bodies[action]]
					);
					if (action === 'release') {
						// The review page reads its form through the schema: refused all the same.
						expect(answer.status, `${action} quarter=${quarter} ${query}`).toBeGreaterThan(399);
						continue;
					}
					expect(answer.status, `${action} quarter=${quarter} ${query}`).toBe(400);
					expect(answer.data.notice.text).toBe(
						'Das Formular nennt kein gültiges Quartal. Es wurde nichts geändert. Bitte laden Sie die Seite neu.'
					);
				}
			}
		}
		expect([await fingerprint(PAST), await fingerprint(CURRENT)]).toEqual(before);
	});

	it('refuses a form whose quarter is not the page’s, changing nothing', async () => {
		const past = await grid(PAST);
		const current = await grid(CURRENT);
		const before = [await fingerprint(PAST), await fingerprint(CURRENT)];
		// The Q3/2026 grid posted on the Q3/2025 page, and the Q3/2025 grid on the Q3/2026 page.
		const cases: [[string, string][], string, string][] = [
			[
				[['quarter', '2026-3'], ...gridFields(current, { [KPI]: { value: '50' } })],
				'&q=2025-3',
				'Q3/2026'
			],
			[
				[['quarter', '2025-3'], ...gridFields(past, { [KPI]: { value: '50' } })],
				'&q=2026-3',
				'Q3/2025'
			]
		];
		for (const [fields, query, named] of cases) {
			const answer = await post('save', 'controller', query, fields);
			expect(answer.status).toBe(409);
			expect(answer.data.notice.text).toBe(
				`Das Formular nennt ${named}, die Seite zeigt ein anderes Quartal. Es wurde nichts geändert. Bitte laden Sie die Seite neu.`
			);
		}
		expect([await fingerprint(PAST), await fingerprint(CURRENT)]).toEqual(before);
	});

	it('refuses rows posted at versions of another quarter or changed since they were shown', async () => {
		const past = await grid(PAST);
		const current = await grid(CURRENT);
		// The Q3/2025 grid's values with the Q3/2026 versions (a conflict answer of the old bug).
		const mixed = gridFields(past, { [KPI]: { value: '50' } }).map(([k, v]): [string, string] => {
			const id = /^version_(\d+)$/.exec(k)?.[1];
			const theirs = current.rows.find((r) => String(r.kpiId) === id)?.current?.version;
			return id && theirs !== undefined ? [k, String(theirs + 7)] : [k, v];
		});
		const before = [await fingerprint(PAST), await fingerprint(CURRENT)];
		const conflict = await post('save', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...mixed
		]);
		expect(conflict.status).toBe(409);
		expect(conflict.data.notice.text).toBe(
			'Jemand anderes hat inzwischen Werte dieses Quartals geändert. Es wurde nichts gespeichert. Die betroffenen Zeilen zeigen den neuen Wert; Ihre Eingaben sind erhalten. Wenn Sie erneut speichern, ersetzen Ihre Eingaben die neuen Werte.'
		);
		expect([await fingerprint(PAST), await fingerprint(CURRENT)]).toEqual(before);
	});

	const reopenFields = (g: EntryGrid, code: string): [string, string][] => [
		['quarter', '2025-3'],
		['kpiId', String(rowOf(g, code).kpiId)],
		['version_' + rowOf(g, code).kpiId, String(rowOf(g, code).current!.version)],
		['reason', 'Korrektur']
	];

	it('submits no value reopened after the page was shown; the own input stays saved', async () => {
		const shown = await grid(PAST);
		// Meanwhile the value is submitted and reopened by the approver: a draft again, unseen.
		await post('submit', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...gridFields(shown, {})
		]);
		await post('reopen', 'approver', '&q=2025-3', reopenFields(await grid(PAST), KPI));
		const reopened = rowOf(await grid(PAST), KPI).current!;
		expect(reopened.state).toBe('draft');

		const answer = await post('submit', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...gridFields(shown, {})
		]);
		expect(answer.status).toBe(409);
		expect(answer.data.notice.text).toBe(
			'Inzwischen hat jemand anderes Werte dieses Quartals geändert. Ihre Eingaben sind als Entwurf gespeichert, eingereicht wurde nichts. Bitte prüfen Sie die aktuellen Werte und reichen Sie erneut ein.'
		);
		expect(rowOf(await grid(PAST), KPI).current).toEqual(reopened);
	});

	it('after a submission refused for a missing comment, adding it submits without a conflict', async () => {
		const shown = await grid(PAST);
		// Far below the previous quarter: the plausibility rule wants a comment.
		const first = await post('submit', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...gridFields(shown, { [KPI]: { value: '20', comment: '' } })
		]);
		expect(first.status).toBe(400);
		expect(first.data.notice.text).toBe(
			'Einreichen nicht möglich: Bei den markierten Kennzahlen fehlt ein Kommentar (rote Werte und Plausibilitätshinweise müssen begründet werden). Die Werte sind als Entwurf gespeichert.'
		);
		// The page shows the rows it got back and the person adds the comment.
		const typed = first.data.typed as {
			kpiId: number;
			value: string;
			comment: string;
			version: number;
		}[];
		const fields = typed.flatMap((t): [string, string][] => [
			['kpi', String(t.kpiId)],
			['value_' + t.kpiId, t.value],
			[
				'comment_' + t.kpiId,
				t.kpiId === rowOf(shown, KPI).kpiId ? 'Systemausfall im August' : t.comment
			],
			['version_' + t.kpiId, String(t.version)]
		]);
		const second = await post('submit', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...fields
		]);
		expect(second.data.notice.text).toBe(
			'Q3/2025: 1 Werte eingereicht. Sie warten jetzt auf die Freigabe.'
		);
	});

	it('releases only the submitted values the approver was shown', async () => {
		await post('submit', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...gridFields(await grid(PAST), { [KPI]: { comment: 'geprüft' } })
		]);
		const submitted = rowOf(await grid(PAST), KPI).current!;
		expect(submitted.state).toBe('submitted');
		const before = await fingerprint(PAST);
		{
			const answer = await post(
				'release',
				'approver',
				'&q=2025-3',
				releaseFields(await grid(PAST), KPI, submitted.version - 1)
			);
			expect(answer.status).toBe(409);
			expect(answer.data.notice.text).toBe(
				'Inzwischen wurden Werte dieses Quartals eingereicht oder geändert. Es wurde nichts freigegeben. Bitte prüfen Sie die Werte und geben Sie erneut frei.'
			);
		}
		expect(await fingerprint(PAST)).toEqual(before);
	});

	it('reopens no value changed since it was shown', async () => {
		await post('submit', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...gridFields(await grid(PAST), {})
		]);
		const shown = await grid(PAST);
		expect(rowOf(shown, KPI).current!.state).toBe('submitted');
		// Released by another approver after this page was shown.
		await post('release', 'approver', '&q=2025-3', releaseFields(shown, KPI));
		const before = await fingerprint(PAST);
		const answer = await post('reopen', 'approver', '&q=2025-3', reopenFields(shown, KPI));
		expect(answer.status).toBe(409);
		expect(answer.data.notice.text).toBe(
			'Der Wert wurde inzwischen geändert. Es wurde nichts wieder geöffnet. Bitte prüfen Sie den aktuellen Stand und versuchen Sie es erneut.'
		);
		expect(await fingerprint(PAST)).toEqual(before);
	});

	it('says a value is already open for editing when reopening a draft (point 6)', async () => {
		const elq = rowOf(await grid(PAST), KPI);
		expect(elq.current!.state).toBe('draft');
		const before = await fingerprint(PAST);
		const answer = await post('reopen', 'approver', '&q=2025-3', [
			['quarter', '2025-3'],
			['kpiId', String(elq.kpiId)],
			['version_' + elq.kpiId, String(elq.current!.version)],
			['reason', 'Korrektur']
		]);
		expect(answer.status).toBe(409);
		expect(answer.data.notice.text).toBe(
			'Der Wert ist bereits als Entwurf offen und kann im Raster direkt bearbeitet werden. Es wurde nichts geändert.'
		);
		expect(answer.data.notice.text).not.toContain('Kommentar');
		expect(await fingerprint(PAST)).toEqual(before);
	});

	it('submits a correction although a released value of the quarter lacks a comment', async () => {
		// Beihilfe Q3/2026: BH-ANTR-VZ was released red without a comment.
		const shown = await grid(CURRENT, 'beihilfe');
		const red = rowOf(shown, 'BH-ANTR-VZ');
		expect(red.current).toMatchObject({ state: 'released', value: 500, comment: '' });
		const corrected = rowOf(shown, 'BH-DAUER');
		const reopen = [
			['quarter', '2026-3'],
			['kpiId', String(corrected.kpiId)],
			['version_' + corrected.kpiId, String(corrected.current!.version)],
			['reason', 'Nachmeldung']
		] as [string, string][];
		await post('reopen', 'approver', '&q=2026-3', reopen, 'beihilfe');
		const answer = await post(
			'submit',
			'controller',
			'&q=2026-3',
			[
				['quarter', '2026-3'],
				...gridFields(await grid(CURRENT, 'beihilfe'), {
					[corrected.code]: { comment: 'Nachmeldung geprüft' }
				})
			],
			'beihilfe'
		);
		expect(answer.data.notice.text).toBe(
			'Q3/2026: 1 Werte eingereicht. Sie warten jetzt auf die Freigabe.'
		);
	});

	it('still refuses writes in a quarter that is closed', async () => {
		await handle.db
			.update(reportingPeriods)
			.set({ closedAt: new Date() })
			.where(
				and(
					eq(reportingPeriods.fieldId, fieldId),
					eq(reportingPeriods.year, PAST.year),
					eq(reportingPeriods.quarter, PAST.quarter),
					isNull(reportingPeriods.closedAt)
				)
			);
		const before = await fingerprint(PAST);
		const answer = await post('save', 'controller', '&q=2025-3', [
			['quarter', '2025-3'],
			...gridFields(await grid(PAST), { [KPI]: { value: '50' } })
		]);
		expect(answer.status).toBe(400);
		expect(answer.data.notice.text).toBe(
			'Das Quartal ist geschlossen; Änderungen nur nach Wiedereröffnung durch die Feldleitung. Es wurde nichts gespeichert.'
		);
		expect(await fingerprint(PAST)).toEqual(before);
	});
});
