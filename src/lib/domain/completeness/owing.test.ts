import { describe, expect, it } from 'vitest';
import { shapeMatrix, type MatrixRow } from './matrix';
import { notDeliveredOf, owingCityIds, remindersOf } from './owing';

const Q = { year: 2026, quarter: 3 };
function row(
	fieldId: number,
	period: 'open' | 'closed' | 'missing',
	org: [number, string] | null,
	counts: [number, number, number, number] = [0, 0, 0, 0]
): MatrixRow {
	const [missing, draft, submitted, released] = counts;
	return {
		fieldId,
		fieldSlug: `f${fieldId}`,
		fieldNameDe: `Feld ${fieldId}`,
		fieldNameEn: `Field ${fieldId}`,
		periodExists: period !== 'missing',
		deadline: period === 'missing' ? null : '2026-11-30',
		closedAt: period === 'closed' ? new Date('2026-12-01T00:00:00Z') : null,
		organisationId: org?.[0] ?? null,
		organisationSlug: org?.[1].toLowerCase() ?? null,
		organisationName: org?.[1] ?? null,
		kpis: missing + draft + submitted + released,
		missing,
		draft,
		submitted,
		released
	};
}

describe('who has not delivered', () => {
	const koeln: [number, string] = [1, 'Köln'];
	const bonn: [number, string] = [2, 'Bonn'];
	const matrix = shapeMatrix(Q, [
		row(1, 'open', koeln, [1, 0, 0, 4]),
		row(1, 'open', bonn, [0, 0, 2, 3]), // submitted counts as delivered
		row(2, 'closed', koeln, [0, 2, 0, 3]),
		row(2, 'closed', bonn, [0, 1, 0, 0]),
		row(3, 'missing', bonn, [5, 0, 0, 0]), // never opened: nothing owed yet
		row(4, 'open', bonn, [0, 0, 0, 0]) // no KPIs: nothing owed
	]);

	it('lists missing and draft KPIs in opened quarters, by city then field', () => {
		const contacts = new Map([
			[1, { source: 'controllers' as const, emails: ['controlling.koeln@demo.ikz-nrw.de'] }]
		]);
		const rows = notDeliveredOf(matrix, contacts);
		expect(rows.map((r) => [r.city, r.fieldId, r.missing, r.draft, r.periodState])).toEqual([
			['Bonn', 2, 0, 1, 'closed'],
			['Köln', 1, 1, 0, 'open'],
			['Köln', 2, 0, 2, 'closed']
		]);
		expect(rows[0]!.contact).toEqual({ source: 'none', emails: [] });
		expect(owingCityIds(matrix).sort()).toEqual([1, 2]);

		const reminders = remindersOf(rows, Q);
		expect(reminders.map((r) => [r.city, r.rows.length, r.mailto !== null])).toEqual([
			['Bonn', 1, false],
			['Köln', 2, true]
		]);
		expect(decodeURIComponent(reminders[1]!.mailto!)).toContain('- Feld 2: 2 Entwürfe von 5');
	});
});
