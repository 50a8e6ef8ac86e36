import { describe, expect, it } from 'vitest';
import { ringStanding, upTo } from './select';
import type { KeyKpiPosition } from '../compare/overview';
import type { CityValueRow } from '../compare/types';

const position: KeyKpiPosition = {
	field: { slug: 'f', name: 'Feld' },
	kpiId: 7,
	versionId: 70,
	code: 'K',
	name: 'Kennzahl',
	unit: 'days',
	decimals: 1,
	polarity: 'lower_is_better',
	reason: 'common_target',
	quarter: { year: 2026, quarter: 3 },
	value: 5,
	state: 'draft',
	status: 'green',
	note: null,
	median: null,
	count: 0,
	standing: null,
	ringQuarter: null
};
const row = (
	organisationId: number,
	value: number,
	extra: Partial<CityValueRow> = {}
): CityValueRow => ({
	organisationId,
	kpiId: 7,
	kpiVersionId: 70,
	year: 2026,
	quarter: 3,
	value: String(value),
	state: 'released',
	...extra
});
const names = new Map([
	[1, 'Eigene'],
	[2, 'Zwei'],
	[3, 'Drei'],
	[4, 'Vier']
]);

describe('ringStanding', () => {
	it('ranks the own value among the released values of the same quarter and definition', () => {
		const s = ringStanding(
			position,
			[
				row(2, 3),
				row(3, 8),
				row(4, 1, { state: 'draft' }),
				row(4, 2, { kpiVersionId: 71 }),
				row(4, 0.5, { quarter: 2 })
			],
			names,
			1
		);
		expect(s.values.map((v) => v.city)).toEqual(['Zwei', 'Eigene', 'Drei']);
		expect(s.rank).toBe(2);
		expect(s.rankOf).toBe(3);
		// The own draft is placed, not counted: the spread is the two released values.
		expect(s.distribution?.median).toBe(5.5);
	});
	it('gives a target band no rank', () => {
		const s = ringStanding({ ...position, polarity: 'target_band' }, [row(2, 3)], names, 1);
		expect(s.rank).toBeNull();
	});
});

describe('briefing quarter', () => {
	it('keeps values up to the quarter', () => {
		const q = (year: number, quarter: number) => ({ year, quarter });
		expect(upTo([q(2026, 2), q(2026, 3), q(2026, 4)], q(2026, 3))).toEqual([
			q(2026, 2),
			q(2026, 3)
		]);
	});
});
