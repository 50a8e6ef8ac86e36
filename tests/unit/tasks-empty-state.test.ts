import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Page from '../../src/routes/+page.svelte';
import type { Tasks } from '../../src/lib/domain/tasks/types';

/*
 * Issue 16, point 5: a person whose roles leave nothing to do this quarter reads so, in a sentence
 * that names what there is nothing of — per role, as the start page renders it on the server.
 */
const quarter = { year: 2026, quarter: 3 as const };
const none: Tasks = {
	quarter,
	controller: null,
	approver: null,
	fieldLead: null,
	leadership: null,
	ring: null
};
const text = (tasks: Tasks) =>
	render(Page, { props: { data: { tasks } as never, params: {} } as never })
		.body.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

describe('the start page with nothing to do', () => {
	const cases: [string, Partial<Tasks>, string[]][] = [
		[
			'controller',
			{ controller: { open: [], returned: [], unexplained: [] } },
			['Alle Werte dieses Quartals sind eingereicht.']
		],
		['approver', { approver: [] }, ['Keine eingereichten Werte warten auf Ihre Prüfung.']],
		[
			'field lead',
			{ fieldLead: { late: [], pilots: [] } },
			[
				'Keine Stadt ist in Ihrem Feld im Verzug.',
				'Kein Pilotprojekt wartet auf eine Gate-Entscheidung.'
			]
		],
		[
			'observer or admin',
			{ ring: { fields: [], late: [] } },
			['In diesem Quartal ist kein Kooperationsfeld offen.']
		],
		['a person without a role', {}, ['Ihre Rollen sehen in diesem Quartal keine Aufgaben vor.']]
	];
	for (const [role, parts, sentences] of cases)
		it(`says so for the ${role}`, () => {
			const page = text({ ...none, ...parts });
			expect(page).toContain('Für Sie gibt es gerade nichts zu tun.');
			for (const s of sentences) expect(page).toContain(s);
		});

	it('tells the leadership that nothing was released and nothing is red, beside the briefing', () => {
		const city = { slug: 'koeln', name: 'Köln' };
		const leadership = { released: [], red: [], briefings: [{ city, quarter }] };
		const first = text({ ...none, leadership: { since: null, ...leadership } });
		expect(first).toContain('Noch ist kein Wert Ihrer Stadt freigegeben.');
		expect(first).toContain('Keine Kennzahl Ihrer Stadt ist rot.');
		expect(first).toContain('Lagebericht Köln, Q3/2026 (PDF)');
		const later = text({
			...none,
			leadership: { since: new Date('2026-12-01T08:00:00Z'), ...leadership }
		});
		expect(later).toContain('Seit Ihrem letzten Besuch wurde nichts freigegeben.');
	});
});

describe('the controller’s returned values on the start page', () => {
	it('names each returned value with the reason and links it to its row in the grid', () => {
		const html = render(Page, {
			props: {
				data: {
					tasks: {
						...none,
						controller: {
							open: [],
							unexplained: [],
							returned: [
								{
									city: { slug: 'koeln', name: 'Köln' },
									field: { slug: 'beihilfe', nameDe: 'Beihilfe', nameEn: 'Health-cost allowance' },
									quarter,
									values: [{ kpiId: 7, code: 'BH-01', reason: 'Quelle fehlt', returnedAt: null }]
								}
							]
						}
					}
				} as never,
				params: {}
			} as never
		}).body;
		expect(html).toContain('href="/cities/koeln/beihilfe/entry?q=2026-Q3#kpi-7-value"');
		const words = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(words).toContain('Zur Korrektur zurückgegeben (1)');
		expect(words).toContain('Köln, Beihilfe: 1 Werte');
		expect(words).toContain('BH-01 korrigieren');
		expect(words).toContain('Grund: Quelle fehlt');
		expect(words).not.toContain('Für Sie gibt es gerade nichts zu tun.');
	});
});
