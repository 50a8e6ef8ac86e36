import { describe, expect, it } from 'vitest';
import { chooseContact, owedGerman, reminderMailto } from './reminder';

const Q = { year: 2026, quarter: 3 };
const owed = (name: string, missing: number, draft: number, deadline: string | null) => ({
	fieldNameDe: name,
	deadline,
	kpis: 5,
	missing,
	draft,
	submitted: 0,
	released: 5 - missing - draft
});

describe('reminder contacts and mail', () => {
	it("prefers the organisation's address, then its controllers, else nobody", () => {
		expect(chooseContact('ikz@stadt.de', ['b@stadt.de'])).toEqual({
			source: 'organisation',
			emails: ['ikz@stadt.de']
		});
		expect(chooseContact(' ', ['b@stadt.de', 'a@stadt.de', 'b@stadt.de'])).toEqual({
			source: 'controllers',
			emails: ['a@stadt.de', 'b@stadt.de']
		});
		expect(chooseContact(null, [])).toEqual({ source: 'none', emails: [] });
	});

	it('says in German what is owed', () => {
		expect(owedGerman(owed('X', 1, 0, null))).toBe('1 fehlt von 5 Kennzahlen');
		expect(owedGerman(owed('X', 2, 1, null))).toBe('2 fehlen, 1 Entwurf von 5 Kennzahlen');
		expect(owedGerman(owed('X', 0, 3, null))).toBe('3 Entwürfe von 5 Kennzahlen');
	});

	it('builds a mailto link with every owed field, decodable to the German text', () => {
		const link = reminderMailto(
			'Köln',
			['controlling.koeln@demo.ikz-nrw.de', 'zweite+person@demo.ikz-nrw.de'],
			[owed('Service-Center D115', 2, 0, '2026-11-30'), owed('Archivierung', 0, 1, null)],
			Q
		)!;
		const url = new URL(link);
		expect(url.protocol).toBe('mailto:');
		expect(url.pathname).toBe('controlling.koeln@demo.ikz-nrw.de,zweite%2Bperson@demo.ikz-nrw.de');
		const subject = url.searchParams.get('subject');
		const body = url.searchParams.get('body')!;
		expect(subject).toBe(
			'IKZ-Scorecard: Werte Q3/2026 für 2 Kooperationsfeldern noch nicht vollständig (Köln)'
		);
		expect(body).toContain('- Service-Center D115: 2 fehlen von 5 Kennzahlen, Frist 30.11.2026');
		expect(body).toContain('- Archivierung: 1 Entwurf von 5 Kennzahlen\r\n');
		// Spaces are %20, never "+" (mail programs would show the plus signs).
		expect(link).not.toMatch(/\+/);
	});

	it('gives no link without an address', () => {
		expect(reminderMailto('Bonn', [], [owed('X', 1, 0, null)], Q)).toBeNull();
	});
});
