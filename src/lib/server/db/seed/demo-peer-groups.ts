import { peerGroupMembers, peerGroups } from '../schema';
import type { Tx } from '../types';
import { required, type ReferenceIds } from './util';

/**
 * Size classes as the demo's comparison groups, the way benchmarking rings usually start. The
 * administration defines real groups; these only show what groups do.
 */
export const demoPeerGroups = [
	{
		slug: 'ab-500000',
		nameDe: 'Großstädte ab 500.000 Einwohnern',
		nameEn: 'Cities of 500,000 inhabitants or more',
		members: ['koeln', 'duesseldorf', 'dortmund', 'essen']
	},
	{
		slug: '250000-bis-500000',
		nameDe: 'Großstädte mit 250.000 bis 500.000 Einwohnern',
		nameEn: 'Cities of 250,000 to 500,000 inhabitants',
		members: ['bochum', 'wuppertal', 'bielefeld', 'muenster', 'gelsenkirchen', 'aachen']
	},
	{
		slug: 'unter-250000',
		nameDe: 'Großstädte unter 250.000 Einwohnern',
		nameEn: 'Cities below 250,000 inhabitants',
		members: ['hagen', 'hamm', 'muelheim-an-der-ruhr']
	}
];

export async function seedDemoPeerGroups(tx: Tx, ids: ReferenceIds): Promise<void> {
	for (const group of demoPeerGroups) {
		const { members, ...fields } = group;
		const [inserted] = await tx
			.insert(peerGroups)
			.values(fields)
			.onConflictDoNothing()
			.returning({ id: peerGroups.id });
		// An existing group keeps the members the administration gave it.
		if (!inserted) continue;
		await tx.insert(peerGroupMembers).values(
			members.map((slug) => ({
				groupId: inserted.id,
				organisationId: required(ids.organisations, slug, 'organisation')
			}))
		);
	}
}
