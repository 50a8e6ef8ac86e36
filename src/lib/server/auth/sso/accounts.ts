import { and, eq, isNull, inArray, sql } from 'drizzle-orm';
import {
	decideSsoAccount,
	type SsoCandidate,
	type SsoIdentity,
	type SsoRefusal
} from '../../../domain/auth/sso-account';
import { groupRoleChanges, type GroupRoleMapping } from '../../../domain/auth/group-roles';
import { roleAssignments, users } from '../../db/schema';
import type { DbOrTx } from '../../db/types';
import { recordAudit } from '../audit';
import { invalidateUserSessions } from '../sessions';

export type SsoAccountResult = { ok: true; userId: number } | { ok: false; reason: SsoRefusal };

const candidateColumns = {
	userId: users.id,
	active: users.active,
	linkedSubject: users.oidcSubject
};

async function candidates(db: DbOrTx, issuer: string, identity: SsoIdentity) {
	const [bySubject] = await db
		.select(candidateColumns)
		.from(users)
		.where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, identity.subject)))
		.for('update');
	const [byEmail] = identity.email
		? await db
				.select(candidateColumns)
				.from(users)
				.where(eq(sql`lower(${users.email})`, identity.email.toLowerCase()))
				.for('update')
		: [];
	return { bySubject: bySubject ?? null, byEmail: (byEmail ?? null) as SsoCandidate | null };
}

/**
 * Finds, links or (where allowed) creates the account of a person the provider has
 * authenticated, and applies the operator's group mapping, in one transaction with its audit
 * entries. The rule itself is `decideSsoAccount`.
 */
export async function resolveSsoAccount(
	db: DbOrTx,
	input: {
		issuer: string;
		identity: SsoIdentity;
		displayName: string | null;
		allowUnknown: boolean;
		groups: string[] | null;
		groupRoles: GroupRoleMapping;
	}
): Promise<SsoAccountResult> {
	return db.transaction(async (tx) => {
		const { bySubject, byEmail } = await candidates(tx, input.issuer, input.identity);
		const decision = decideSsoAccount({
			identity: input.identity,
			bySubject,
			byEmail,
			allowUnknown: input.allowUnknown
		});
		if (decision.kind === 'refuse') return { ok: false, reason: decision.reason };
		let userId: number;
		if (decision.kind === 'login') {
			userId = decision.userId;
		} else if (decision.kind === 'link') {
			userId = decision.userId;
			await tx
				.update(users)
				.set({ oidcIssuer: input.issuer, oidcSubject: input.identity.subject })
				.where(eq(users.id, userId));
			await recordAudit(tx, {
				userId,
				action: 'user.sso_linked',
				entity: 'user',
				entityId: String(userId),
				after: { issuer: input.issuer }
			});
		} else {
			const [created] = await tx
				.insert(users)
				.values({
					email: decision.email,
					displayName: input.displayName?.trim() || decision.email,
					oidcIssuer: input.issuer,
					oidcSubject: input.identity.subject
				})
				.returning({ id: users.id });
			if (!created) throw new Error('user insert returned no row');
			userId = created.id;
			await recordAudit(tx, {
				userId: null,
				action: 'user.create',
				entity: 'user',
				entityId: String(userId),
				after: { email: decision.email, via: 'sso', roles: [] }
			});
		}
		if (input.groups !== null && input.groupRoles.size > 0) {
			await applyGroupRoles(tx, userId, input.groups, input.groupRoles);
		}
		return { ok: true, userId };
	});
}

async function applyGroupRoles(
	tx: DbOrTx,
	userId: number,
	groups: string[],
	mapping: GroupRoleMapping
) {
	const globalOnly = and(
		eq(roleAssignments.userId, userId),
		isNull(roleAssignments.organisationId),
		isNull(roleAssignments.fieldId)
	);
	const current = await tx
		.select({ role: roleAssignments.role })
		.from(roleAssignments)
		.where(globalOnly);
	const { add, remove } = groupRoleChanges({
		current: current.map((r) => r.role),
		groups,
		mapping
	});
	if (add.length === 0 && remove.length === 0) return;
	if (add.length > 0) {
		await tx
			.insert(roleAssignments)
			.values(add.map((role) => ({ userId, role, organisationId: null, fieldId: null })));
	}
	if (remove.length > 0) {
		await tx.delete(roleAssignments).where(and(globalOnly, inArray(roleAssignments.role, remove)));
	}
	await recordAudit(tx, {
		userId,
		action: 'user.roles_from_groups',
		entity: 'user',
		entityId: String(userId),
		after: { added: add, removed: remove }
	});
}

/**
 * Clears an account's link to the provider, e.g. when the person got a new identity there (or
 * the installation moved to another provider): the next SSO login links again by verified
 * e-mail. The person's sessions end, as the identity they were opened with no longer counts.
 */
export async function unlinkSsoIdentity(
	db: DbOrTx,
	input: { actorUserId: number; userId: number }
): Promise<{ ok: true; sessionsEnded: number } | { ok: false }> {
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select({ issuer: users.oidcIssuer })
			.from(users)
			.where(eq(users.id, input.userId))
			.for('update');
		if (!before?.issuer) return { ok: false };
		await tx
			.update(users)
			.set({ oidcIssuer: null, oidcSubject: null })
			.where(eq(users.id, input.userId));
		const sessionsEnded = await invalidateUserSessions(tx, input.userId);
		await recordAudit(tx, {
			userId: input.actorUserId,
			action: 'user.sso_unlinked',
			entity: 'user',
			entityId: String(input.userId),
			before: { issuer: before.issuer },
			after: { sessionsEnded }
		});
		return { ok: true, sessionsEnded };
	});
}
