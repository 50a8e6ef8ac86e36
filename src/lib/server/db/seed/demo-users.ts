import { eq } from 'drizzle-orm';
import { createUser } from '../../auth/users';
import type { RoleAssignment } from '../../auth/permissions';
import { users } from '../schema';
import type { Tx } from '../types';
import { required, type ReferenceIds } from './util';

/** Shown on the login page of a demo installation only; never seeded without --demo. */
export const DEMO_PASSWORD = 'Demo-Ring-2026!';

type DemoRole = RoleAssignment['role'];

/**
 * One account per role, scoped to Köln (city roles) and the D115 field (field lead), plus a
 * Düsseldorf controller, so the demo shows what another city may and may not see.
 */
export const demoAccounts: {
	email: string;
	displayName: string;
	role: DemoRole;
	city?: string;
	field?: string;
}[] = [
	{ email: 'admin@demo.ikz-nrw.de', displayName: 'Demo Administration', role: 'admin' },
	{
		email: 'staedtetag@demo.ikz-nrw.de',
		displayName: 'Demo Städtetag (Beobachtung)',
		role: 'observer'
	},
	{
		email: 'ob.koeln@demo.ikz-nrw.de',
		displayName: 'Demo Stadtspitze Köln',
		role: 'city_leadership',
		city: 'koeln'
	},
	{
		email: 'controlling.koeln@demo.ikz-nrw.de',
		displayName: 'Demo Controlling Köln',
		role: 'controller',
		city: 'koeln'
	},
	{
		email: 'freigabe.koeln@demo.ikz-nrw.de',
		displayName: 'Demo Freigabe Köln',
		role: 'approver',
		city: 'koeln'
	},
	{
		email: 'controlling.duesseldorf@demo.ikz-nrw.de',
		displayName: 'Demo Controlling Düsseldorf',
		role: 'controller',
		city: 'duesseldorf'
	},
	{
		email: 'feldleitung.d115@demo.ikz-nrw.de',
		displayName: 'Demo Feldleitung D115',
		role: 'field_lead',
		field: 'service-center-d115'
	}
];

export async function seedDemoUsers(tx: Tx, ids: ReferenceIds): Promise<void> {
	for (const account of demoAccounts) {
		const [existing] = await tx
			.select({ id: users.id })
			.from(users)
			.where(eq(users.email, account.email));
		if (existing) continue;
		await createUser(tx, {
			email: account.email,
			displayName: account.displayName,
			password: DEMO_PASSWORD,
			roles: [
				{
					role: account.role,
					organisationId: account.city
						? required(ids.organisations, account.city, 'organisation')
						: null,
					fieldId: account.field ? required(ids.fields, account.field, 'field') : null
				}
			]
		});
	}
}
