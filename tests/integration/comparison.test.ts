import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	kpis,
	measurements,
	organisations,
	peerGroupMembers,
	peerGroups
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { loadComparison } from '../../src/lib/server/compare/comparison';
import { distributionOf } from '../../src/lib/domain/statistics/distribution';
import type { Viewer } from '../../src/lib/server/auth/viewer';
import { createPeerGroup, createScorecard, createValues } from '../helpers/factories';
import { createTestDatabase } from '../helpers/test-database';

describe('city comparison', () => {
	let handle: DatabaseHandle;
	let koeln: number;
	let duesseldorf: number;
	const sent: string[] = [];
	const viewerOf = (organisationId: number): Viewer => ({
		kind: 'user',
		principal: { userId: 1, roles: [{ role: 'controller', organisationId, fieldId: null }] }
	});
	const observer: Viewer = {
		kind: 'user',
		principal: { userId: 1, roles: [{ role: 'observer', organisationId: null, fieldId: null }] }
	};
	const request = {
		field: 'archivierung',
		kpi: 'ARCH-DIGITAL',
		period: { kind: 'quarter' as const, year: 2026, quarter: 3 },
		group: null,
		basis: 'defined' as const
	};

	/** ARCH-DIGITAL in Q3/2026: released in three cities, a draft in Köln. */
	const released = { essen: 900, dortmund: 700, duesseldorf: 500 };
	beforeAll(async () => {
		handle = await createTestDatabase({ onQuery: (sql) => sent.push(sql), seed: 'reference' });
		const db = handle.db;
		const orgs = await db
			.select({ id: organisations.id, slug: organisations.slug })
			.from(organisations);
		const idOf = (slug: string) => orgs.find((o) => o.slug === slug)!.id;
		koeln = idOf('koeln');
		duesseldorf = idOf('duesseldorf');
		for (const slug of ['koeln', ...Object.keys(released)]) {
			const card = await createScorecard(db, {
				organisationId: idOf(slug),
				field: 'archivierung',
				kpis: [{ code: 'ARCH-DIGITAL' }]
			});
			const value = released[slug as keyof typeof released];
			await createValues(db, {
				organisationId: idOf(slug),
				kpiId: card.kpiIds.get('ARCH-DIGITAL')!,
				values: { '2026-Q3': value ?? 1000 },
				state: value === undefined ? 'draft' : 'released'
			});
		}
		const beihilfe = await createScorecard(db, {
			organisationId: koeln,
			field: 'beihilfe',
			kpis: [{ code: 'BH-KOSTEN-EW' }]
		});
		await createValues(db, {
			organisationId: koeln,
			kpiId: beihilfe.kpiIds.get('BH-KOSTEN-EW')!,
			values: { '2026-Q2': 12.5 }
		});
		await createPeerGroup(db, {
			slug: 'ab-500000',
			members: [koeln, duesseldorf, idOf('essen'), idOf('dortmund')]
		});
	});
	afterAll(() => handle.close());

	/** The released values of ARCH-DIGITAL in Q3/2026, read independently of the module. */
	async function releasedValues() {
		const rows = await handle.db
			.select({ organisationId: measurements.organisationId, value: measurements.value })
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.where(
				and(
					eq(kpis.code, 'ARCH-DIGITAL'),
					eq(measurements.year, 2026),
					eq(measurements.quarter, 3),
					eq(measurements.state, 'released')
				)
			);
		return rows.map((r) => ({ ...r, value: Number(r.value) }));
	}

	it('shows Köln its own draft, marked, and never shows it to Düsseldorf or the observer', async () => {
		const own = await loadComparison(handle.db, viewerOf(koeln), request);
		const koelnEntry = own!.comparison.entries.find((e) => e.slug === 'koeln');
		expect(koelnEntry).toMatchObject({ own: true, released: false, rank: null });

		for (const viewer of [viewerOf(duesseldorf), observer]) {
			const page = await loadComparison(handle.db, viewer, request);
			expect(page!.comparison.entries.some((e) => e.slug === 'koeln')).toBe(false);
			expect(page!.comparison.missing.map((x) => x.slug)).toContain('koeln');
			expect(JSON.stringify(page)).not.toContain('"draft"');
		}
	});

	it('computes the spread over released values as a reference computation does', async () => {
		const releasedRows = await releasedValues();
		const page = await loadComparison(handle.db, observer, request);
		expect(releasedRows.map((r) => r.value).sort()).toEqual([500, 700, 900]);
		expect(page!.comparison.entries.map((e) => [e.slug, e.value])).toEqual([
			['essen', 900],
			['dortmund', 700],
			['duesseldorf', 500]
		]);
		expect(page!.comparison.distribution).toEqual(distributionOf(releasedRows.map((r) => r.value)));
		// Higher is better: rank 1 holds the largest value.
		const first = page!.comparison.entries[0]!;
		expect(first.rank).toBe(1);
		expect(first.value).toBe(Math.max(...releasedRows.map((r) => r.value)));
	});

	it('reads the values of all cities in one query, the page in five', async () => {
		sent.length = 0;
		await loadComparison(handle.db, observer, request);
		expect(sent.filter((q) => q.includes('"measurements"'))).toHaveLength(1);
		expect(sent).toHaveLength(5);
	});

	it('scales a per-1,000-inhabitant KPI back to totals with the population of the reference date', async () => {
		const defined = await loadComparison(handle.db, observer, {
			...request,
			field: 'beihilfe',
			kpi: 'BH-KOSTEN-EW',
			period: { kind: 'quarter', year: 2026, quarter: 2 }
		});
		const absolute = await loadComparison(handle.db, observer, {
			...request,
			field: 'beihilfe',
			kpi: 'BH-KOSTEN-EW',
			period: { kind: 'quarter', year: 2026, quarter: 2 },
			basis: 'absolute'
		});
		const perInhabitants = defined!.comparison.entries.find((e) => e.slug === 'koeln')!;
		const total = absolute!.comparison.entries.find((e) => e.slug === 'koeln')!;
		expect(perInhabitants.population).toMatchObject({
			inhabitants: 1017355,
			referenceDate: '2022-05-15'
		});
		expect(perInhabitants.value).toBe(12.5);
		expect(total.value).toBeCloseTo((12.5 * 1017355) / 1000, 6);
		expect(absolute!.comparison.ranked).toBe(false);
		expect(defined!.comparison.ranked).toBe(true);
	});

	it('limits the comparison to a peer group and answers null for an unknown group', async () => {
		const [group] = await handle.db
			.select({ id: peerGroups.id })
			.from(peerGroups)
			.where(eq(peerGroups.slug, 'ab-500000'));
		const members = await handle.db
			.select({ slug: organisations.slug })
			.from(peerGroupMembers)
			.innerJoin(organisations, eq(organisations.id, peerGroupMembers.organisationId))
			.where(inArray(peerGroupMembers.groupId, [group!.id]));
		const page = await loadComparison(handle.db, observer, { ...request, group: 'ab-500000' });
		const shown = [
			...page!.comparison.entries.map((e) => e.slug),
			...page!.comparison.missing.map((x) => x.slug)
		];
		expect(shown.sort()).toEqual(members.map((x) => x.slug).sort());
		expect(
			await loadComparison(handle.db, observer, { ...request, group: 'gibt-es-nicht' })
		).toBeNull();
	});

	it('offers the groups derived from the official directory and limits the comparison to one', async () => {
		const page = await loadComparison(handle.db, observer, {
			...request,
			group: 'groesse-grosse-grossstadt'
		});
		expect(page!.groups.map((g) => g.slug)).toContain('kreisfreie-staedte');
		const shown = [
			...page!.comparison.entries.map((e) => e.slug),
			...page!.comparison.missing.map((x) => x.slug)
		];
		// Zensus 2022: the four cities of at least 500,000 inhabitants.
		expect(shown.sort()).toEqual(['dortmund', 'duesseldorf', 'essen', 'koeln']);
	});
});
