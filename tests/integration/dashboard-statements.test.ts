import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { findUserByEmail, loadPrincipal } from '../../src/lib/server/auth/users';
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

type UserViewer = Extract<Viewer, { kind: 'user' }>;
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { createTestDatabase } from '../helpers/test-database';

/**
 * Issue 18: the statements one dashboard request sends, counted the way the access log counts
 * them (every statement the database handle reports inside the request's scope): the session
 * with its roles, the layout's demo flag, the scorecard and the selected value's exchange.
 */
describe('statements per dashboard request', () => {
	let handle: DatabaseHandle;
	let token: string;
	const now = new Date();
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: noteStatement, seed: 'demo' });
		const mayor = await findUserByEmail(handle.db, 'ob.koeln@demo.ikz-nrw.de');
		({ token } = await createSession(handle.db, mayor!.id, { now }));
	});
	afterAll(() => handle.close());

	async function dashboardRequest() {
		const signedIn = await validateSessionToken(handle.db, token, { now });
		const viewer: UserViewer = {
			kind: 'user',
			principal: { userId: signedIn!.user.id, roles: signedIn!.roles }
		};
		await demoInstallationOnce(handle.db);
		const page = await loadScorecardPage(handle.db, viewer, 'koeln', 'service-center-d115', 'de');
		const kpis = page!.perspectives.flatMap((p) => p.objectives.flatMap((o) => o.kpis));
		const selected = kpis.find((k) => k.latest)!;
		return valueExchange(handle.db, viewer, page!.header.organisation.id, selected, null);
	}

	it('reads the session and its roles in one statement, with the same roles as before', async () => {
		const { result, statements } = await countStatements(() =>
			validateSessionToken(handle.db, token, { now })
		);
		expect(statements).toBe(1);
		const principal = await loadPrincipal(handle.db, result!.user.id);
		expect(result!.roles).toEqual(principal!.roles);
		expect(result!.roles.length).toBeGreaterThan(0);
	});

	it('reads the demo flag once per database, not per request', async () => {
		expect(await demoInstallationOnce(handle.db)).toBe(true);
		const { statements } = await countStatements(() => demoInstallationOnce(handle.db));
		expect(statements).toBe(0);
	});

	it('reads the same targets and versions with the structure as on their own', async () => {
		const page = await loadScorecardPage(
			handle.db,
			{ kind: 'anonymous' },
			'koeln',
			'beihilfe',
			'de'
		);
		const id = page!.header.scorecardId;
		const { structure, targets, versions } = await loadStructureWithTargetsAndVersions(
			handle.db,
			id
		);
		expect(versions).toEqual(await loadVersions(handle.db, id));
		const live = new Set(structure.map((r) => r.scorecardKpiId));
		const alone = (await loadTargets(handle.db, id)).filter((t) => live.has(t.scorecardKpiId));
		const key = (t: { scorecardKpiId: number; year: number }) => `${t.scorecardKpiId}/${t.year}`;
		expect(targets.length).toBeGreaterThan(0);
		expect([...targets].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
			[...alone].sort((a, b) => key(a).localeCompare(key(b)))
		);
	});

	it('sends at most 6 statements for the mayor on the dashboard', async () => {
		await dashboardRequest();
		const { result, statements } = await countStatements(dashboardRequest);
		expect(result.value).not.toBeNull();
		expect(statements).toBeLessThanOrEqual(6);
	});
});
