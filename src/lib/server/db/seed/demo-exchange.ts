import { and, desc, eq, inArray } from 'drizzle-orm';
import { exchangeNotes, measurements, pilots, users, valueFactors } from '../schema';
import type { Tx } from '../types';
import { required, type ReferenceIds } from './util';

/**
 * A few notes, lessons learned and influencing factors, so the demo shows the experience
 * exchange. Seeded once: as soon as the exchange holds anything, it is left as people made it.
 */
export async function seedDemoExchange(tx: Tx, ids: ReferenceIds): Promise<void> {
	const [existing] = await tx.select({ id: exchangeNotes.id }).from(exchangeNotes).limit(1);
	const [existingFactor] = await tx.select({ id: valueFactors.id }).from(valueFactors).limit(1);
	if (existing || existingFactor) return;

	const people = await tx
		.select({ id: users.id, email: users.email })
		.from(users)
		.where(
			inArray(users.email, [
				'feldleitung.d115@demo.ikz-nrw.de',
				'controlling.koeln@demo.ikz-nrw.de',
				'controlling.duesseldorf@demo.ikz-nrw.de'
			])
		);
	const user = (email: string) => people.find((p) => p.email === email)?.id;
	const fieldLead = user('feldleitung.d115@demo.ikz-nrw.de');
	const koelnController = user('controlling.koeln@demo.ikz-nrw.de');
	const duesseldorfController = user('controlling.duesseldorf@demo.ikz-nrw.de');
	if (!fieldLead || !koelnController || !duesseldorfController) return;

	const [beihilfe] = await tx
		.select({ id: pilots.id })
		.from(pilots)
		.where(eq(pilots.title, 'Gemeinsame Beihilfebearbeitung'));
	if (beihilfe) {
		await tx.insert(exchangeNotes).values([
			{
				pilotId: beihilfe.id,
				kind: 'lesson',
				body: 'Die Datenmigration hat länger gedauert als geplant: Altakten früh sichten und Dubletten vor dem Umzug bereinigen.',
				authorUserId: koelnController
			},
			{
				pilotId: beihilfe.id,
				kind: 'comment',
				body: 'Düsseldorf übernimmt ab Q3 die Bearbeitung der Anträge von Versorgungsempfängern. Ansprechpartner bitte bis Ende Juni melden.',
				authorUserId: duesseldorfController
			}
		]);
	}

	// The latest released Köln value of the pilot's KPI carries a factor and a lesson.
	const koeln = required(ids.organisations, 'koeln', 'organisation');
	const kpiId = required(ids.kpis, 'BH-DAUER', 'KPI');
	const [value] = await tx
		.select({ year: measurements.year, quarter: measurements.quarter })
		.from(measurements)
		.where(
			and(
				eq(measurements.organisationId, koeln),
				eq(measurements.kpiId, kpiId),
				eq(measurements.state, 'released')
			)
		)
		.orderBy(desc(measurements.year), desc(measurements.quarter))
		.limit(1);
	if (!value) return;
	const key = { organisationId: koeln, kpiId, ...value };
	await tx.insert(valueFactors).values([
		{
			...key,
			kind: 'one_off',
			explanation: 'Rückstau aus der Umstellung auf das neue Fachverfahren abgearbeitet.',
			estimatedEffect: 'ca. +3 Tage',
			createdByUserId: koelnController
		},
		{
			...key,
			kind: 'staffing',
			explanation: 'Zwei Stellen im Sachgebiet waren das ganze Quartal unbesetzt.',
			estimatedEffect: '',
			createdByUserId: koelnController
		}
	]);
	await tx.insert(exchangeNotes).values({
		...key,
		kind: 'lesson',
		body: 'Den Rückstau haben wir mit einer befristeten Springergruppe abgebaut; ohne sie wäre die Dauer zwei Quartale lang erhöht geblieben.',
		authorUserId: koelnController
	});
}
