import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { loadPrincipal } from '../../src/lib/server/auth/users';
import { demoInstallationOnce } from '../../src/lib/server/directory/queries';
import { countStatements, noteStatement } from '../../src/lib/server/db/statement-count';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';
import {
	loadStructureWithTargetsAndVersions,
	loadTargets,
	loadVersions
} from '../../src/lib/server/scorecards/queries';
import { valueExchange } from '../../src/lib/server/exchange/value-actions';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues,
	type CreatedScorecard
} from '../helpers/factories';

type UserViewer = Extract<Viewer, { kind: 'user' }>;

/**
 * Issue 18: the statements one dashboard request sends, counted the way the access log counts
 * them (every statement the database handle reports inside the request's scope): the session
 * with its roles, the layout's demo flag, the scorecard and the selected value's exchange.
 */
describe('statements per dashboard request', () => {
	let handle: DatabaseHandle;
	let token: string;
	let city: { id: number; slug: string };
	let mayor: number;
	let d115: CreatedScorecard;
	let beihilfe: CreatedScorecard;
	const now = new Date();
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: noteStatement, seed: 'reference' });
		city = await createCity(handle.db, { name: 'Teststadt' });
		mayor = (
			await createUserWithRoles(handle.db, [{ role: 'city_leadership', organisationId: city.id }])
		).id;
		d115 = await createScorecard(handle.db, {
			organisationId: city.id,
			field: 'service-center-d115',
			kpis: [{ code: 'D115-SL30' }, { code: 'D115-ELQ', perspective: 'customers' }]
		});
		await createValues(handle.db, {
			organisationId: city.id,
			kpiId: d115.kpiIds.get('D115-SL30')!,
			values: { '2026-Q1': 71, '2026-Q2': 74 }
		});
		beihilfe = await createScorecard(handle.db, {
			organisationId: city.id,
			field: 'beihilfe',
			kpis: [
				{
					code: 'BH-DAUER',
					targets: {
						2025: { greenMax: '10', yellowMax: '14' },
						2026: { greenMax: '9', yellowMax: '12' }
					}
				},
				{ code: 'BH-ONLINE', perspective: 'customers', targets: { 2026: { greenMin: '60' } } },
				{ code: 'BH-QUALI', perspective: 'staff' }
			]
		});
		({ token } = await createSession(handle.db, mayor, { now }));
	});
	afterAll(() => handle.close());

	async function dashboardRequest() {
		const signedIn = await validateSessionToken(handle.db, token, { now });
		const viewer: UserViewer = {
			kind: 'user',
			principal: { userId: signedIn!.user.id, roles: signedIn!.roles }
		};
		await demoInstallationOnce(handle.db);
		const page = await loadScorecardPage(handle.db, viewer, city.slug, 'service-center-d115', 'de');
		const kpis = page!.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
		const selected = kpis.find((k) => k.latest)!;
		return valueExchange(handle.db, viewer, page!.header.organisation.id, selected, null);
	}

	it('reads the session and its roles in one statement, with the same roles as before', async () => {
		const { result, statements } = await countStatements(() =>
			validateSessionToken(handle.db, token, { now })
		);
		expect(statements).toBe(1);
		expect(result!.user.id).toBe(mayor);
		expect(result!.roles).toEqual([
			{ role: 'city_leadership', organisationId: city.id, fieldId: null }
		]);
		expect(result!.roles).toEqual((await loadPrincipal(handle.db, mayor))!.roles);
	});

	it('reads the demo flag once per database, not per request', async () => {
		// Reference data only: no demo installation, and that answer is kept too.
		expect(await demoInstallationOnce(handle.db)).toBe(false);
		const { statements } = await countStatements(() => demoInstallationOnce(handle.db));
		expect(statements).toBe(0);
	});

	it('reads the same targets and versions with the structure as on their own', async () => {
		const page = await loadScorecardPage(
			handle.db,
			{ kind: 'anonymous' },
			city.slug,
			'beihilfe',
			'de'
		);
		const id = page!.header.scorecardId;
		expect(id).toBe(beihilfe.id);
		const { structure, targets, versions } = await loadStructureWithTargetsAndVersions(
			handle.db,
			id
		);
		// Its three KPIs, and the two perspectives without any as rows of their own.
		const byId = (a: number, b: number) => a - b;
		expect(structure.flatMap((r) => r.scorecardKpiId ?? []).sort(byId)).toEqual(
			[...beihilfe.scorecardKpiIds.values()].sort(byId)
		);
		expect(structure.filter((r) => r.scorecardKpiId === null)).toHaveLength(2);
		expect(versions).toEqual(await loadVersions(handle.db, id));
		const dauer = beihilfe.scorecardKpiIds.get('BH-DAUER')!;
		const online = beihilfe.scorecardKpiIds.get('BH-ONLINE')!;
		const key = (t: { scorecardKpiId: number; year: number }) => `${t.scorecardKpiId}/${t.year}`;
		const sorted = <T extends { scorecardKpiId: number; year: number }>(rows: T[]) =>
			[...rows].sort((a, b) => key(a).localeCompare(key(b)));
		const bands = (t: {
			greenMin: unknown;
			greenMax: unknown;
			yellowMin: unknown;
			yellowMax: unknown;
		}) =>
			[t.greenMin, t.greenMax, t.yellowMin, t.yellowMax].map((v) =>
				v === null ? null : Number(v)
			);
		// The three targets written above, nothing of the KPI without targets.
		expect(sorted(targets).map((t) => [t.scorecardKpiId, t.year, ...bands(t)])).toEqual(
			sorted([
				{ scorecardKpiId: dauer, year: 2025, b: [null, 10, null, 14] },
				{ scorecardKpiId: dauer, year: 2026, b: [null, 9, null, 12] },
				{ scorecardKpiId: online, year: 2026, b: [60, null, null, null] }
			]).map((t) => [t.scorecardKpiId, t.year, ...t.b])
		);
		expect(sorted(targets)).toEqual(sorted(await loadTargets(handle.db, id)));
	});

	it('sends at most 6 statements for the mayor on the dashboard', async () => {
		await dashboardRequest();
		const { result, statements } = await countStatements(dashboardRequest);
		// The newest value of the first KPI with one: D115-SL30 in Q2/2026, released.
		expect(result.value).toEqual({
			kpiId: d115.kpiIds.get('D115-SL30'),
			year: 2026,
			quarter: 2,
			state: 'released'
		});
		expect(result.periods).toEqual([
			{ year: 2026, quarter: 1 },
			{ year: 2026, quarter: 2 }
		]);
		expect(statements).toBeLessThanOrEqual(6);
	});
});
