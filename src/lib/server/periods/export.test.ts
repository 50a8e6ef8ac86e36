import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { NotDeliveredRow } from '../../domain/completeness/owing';
import { csvColumns, notDeliveredCsv, notDeliveredFileName } from './export';

const Q = { year: 2026, quarter: 3 };
const labels = Object.fromEntries(csvColumns.map((c) => [c, c])) as Record<
	(typeof csvColumns)[number],
	string
>;
const row = (city: string, field: string, emails: string[]): NotDeliveredRow => ({
	organisationId: 1,
	city,
	citySlug: 'x',
	fieldId: 1,
	fieldSlug: 'f',
	fieldNameDe: field,
	fieldNameEn: field,
	periodState: 'open',
	deadline: null,
	contact: { source: emails.length ? 'controllers' : 'none', emails },
	kpis: 5,
	missing: 1,
	draft: 1,
	submitted: 0,
	released: 3
});

describe('not-delivered CSV', () => {
	it('quotes semicolons and quotes, neutralises formulas, keeps umlauts, ends lines with CRLF', () => {
		const csv = notDeliveredCsv(
			[
				row('Mülheim an der Ruhr', 'Einkauf; Vergabe "neu"', ['a@x.de', 'b@x.de']),
				row('Köln', '=HYPERLINK("http://evil")', [])
			],
			Q,
			labels,
			(r) => r.fieldNameDe,
			(q) => `Q${q.quarter}/${q.year}`
		);
		expect(csv.startsWith('\uFEFFcity;field;quarter;')).toBe(true);
		expect(csv.split('\r\n')).toHaveLength(4);
		expect(csv).toContain(
			'Mülheim an der Ruhr;"Einkauf; Vergabe ""neu""";Q3/2026;;5;1;1;0;3;a@x.de, b@x.de\r\n'
		);
		const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true });
		expect(parsed.data[1]![1]).toBe('Einkauf; Vergabe "neu"');
		// Excel would run a cell starting with "="; the CSV writer prefixes it with an apostrophe.
		expect(parsed.data[2]![1]).toBe(`'=HYPERLINK("http://evil")`);
		expect(notDeliveredFileName('noch-nicht-geliefert', Q)).toBe(
			'noch-nicht-geliefert-2026-Q3.csv'
		);
	});
});
