/**
 * What preparing statements saves (issue 18): the dashboard's and the comparison's loaders on
 * two handles of the same database, one sending unnamed statements (parsed and planned on every
 * call, drizzle's default) and one named prepared statements (DATABASE_PREPARE, decision 0034),
 * alternating call by call so both see the same machine load.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { loadScorecardPage } from '../../src/lib/server/scorecards/scorecard-page';
import { loadComparison } from '../../src/lib/server/compare/comparison';
import { observer } from './reads';

export interface PreparedFigure {
	label: string;
	unprepared: number;
	prepared: number;
	/** Share of the unprepared time that preparing saved (parse and plan, roughly). */
	saved: number;
}

const RUNS = 60;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measurePrepared(databaseUrl: string): Promise<PreparedFigure[]> {
	const plain = await openDatabase({ databaseUrl, poolMax: 5 });
	const prepared = await openDatabase({ databaseUrl, poolMax: 5, prepare: true });
	try {
		const mayor: Viewer = {
			kind: 'user',
			principal: { userId: 1, roles: [{ role: 'observer', organisationId: null, fieldId: null }] }
		};
		const reads: [string, (db: typeof plain.db) => Promise<unknown>][] = [
			[
				'dashboard loader',
				(db) => loadScorecardPage(db, mayor, 'koeln', 'service-center-d115', 'de')
			],
			[
				'comparison loader',
				(db) =>
					loadComparison(db, observer, {
						field: 'service-center-d115',
						kpi: 'D115-ELQ',
						period: { kind: 'quarter', year: 2026, quarter: 2 },
						group: null,
						basis: 'defined'
					})
			]
		];
		const figures: PreparedFigure[] = [];
		for (const [label, read] of reads) {
			for (let i = 0; i < 10; i++) {
				await read(plain.db);
				await read(prepared.db);
			}
			const a: number[] = [];
			const b: number[] = [];
			for (let i = 0; i < RUNS; i++) {
				let t = performance.now();
				await read(plain.db);
				a.push(performance.now() - t);
				t = performance.now();
				await read(prepared.db);
				b.push(performance.now() - t);
			}
			const unprepared = median(a);
			const withPrepare = median(b);
			figures.push({
				label,
				unprepared,
				prepared: withPrepare,
				saved: (unprepared - withPrepare) / unprepared
			});
		}
		return figures;
	} finally {
		await plain.close();
		await prepared.close();
	}
}
