import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { scorecardKpis } from '../../src/lib/server/db/schema';
import { loadCityValues } from '../../src/lib/server/compare/overview-queries';
import { createTestDatabase } from '../helpers/test-database';
import {
	createCity,
	createScorecard,
	createValues,
	sharedKpi,
	viewerWithRole
} from '../helpers/factories';

/**
 * The overview (and the briefing) read a city's values for its scorecards only: a city also has
 * values of shared KPIs it does not steer by (another field's, or one that left its scorecard),
 * and at NRW scale reading those made the overview read ten times the rows it shows.
 */
describe("the overview's read of a city's values", () => {
	let handle: DatabaseHandle;

	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
	});
	afterAll(() => handle?.close());

	it("returns the values of the city's scorecard KPIs and no others", async () => {
		const db = handle.db;
		const city = await createCity(db, { name: 'Lesestadt' });
		const card = await createScorecard(db, {
			organisationId: city.id,
			field: 'beihilfe',
			kpis: [{ code: 'BH-DAUER' }, { code: 'BH-ONLINE' }]
		});
		const onCard = card.kpiIds.get('BH-DAUER')!;
		// A KPI that left the scorecard (archived there; its values stay), and another field's
		// KPI, in which the city keeps no scorecard.
		const leftCard = card.kpiIds.get('BH-ONLINE')!;
		await db
			.update(scorecardKpis)
			.set({ archivedAt: new Date() })
			.where(eq(scorecardKpis.id, card.scorecardKpiIds.get('BH-ONLINE')!));
		const otherField = (await sharedKpi(db, 'D115-SL30')).id;
		for (const kpiId of [onCard, leftCard, otherField])
			await createValues(db, {
				organisationId: city.id,
				kpiId,
				values: { '2026-Q1': 10, '2026-Q2': 12 }
			});

		const rows = await loadCityValues(db, viewerWithRole(1, 'observer'), { id: city.id });

		expect(rows.map((r) => [r.kpiId, r.year, r.quarter])).toEqual([
			[onCard, 2026, 1],
			[onCard, 2026, 2]
		]);
	});
});
