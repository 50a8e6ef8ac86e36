import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
	cooperationFields,
	fieldParticipants,
	kreise,
	municipalities,
	organisations,
	scorecards
} from '../db/schema';
import type { Db } from '../db/types';
import { recordAudit } from '../auth/audit';
import { createUser, findUserByEmail } from '../auth/users';
import { issueToken } from '../admin/password-links';
import { adoptTemplate } from '../scorecards/editor/template';
import { EditRefused } from '../scorecards/editor/run';
import { syncMemberPopulations } from './seed';

/** The roles a first account of a new member can hold: both scoped to the municipality. */
export type FirstAccountRole = 'controller' | 'city_leadership';

export interface FirstAccount {
	email: string;
	displayName: string;
	role: FirstAccountRole;
}

export interface JoinInput {
	actorUserId: number;
	ags: string;
	fieldIds: number[];
	accounts: FirstAccount[];
	now: Date;
	/** false where local passwords are off (LOCAL_LOGIN=off): the accounts get no links. */
	localPasswords?: boolean;
}

export type JoinResult =
	| {
			ok: true;
			organisation: { id: number; slug: string; name: string };
			scorecards: number;
			/**
			 * One-time set-password tokens, in the order of the accounts; only hashes are stored.
			 * null where local passwords are off: the people sign in through the provider.
			 */
			accounts: { email: string; token: string | null }[];
	  }
	| { ok: false; reason: 'not_found' | 'already_member' | 'unknown_field' }
	| { ok: false; reason: 'email_taken'; email: string };

class JoinRefused extends Error {
	constructor(readonly result: Extract<JoinResult, { ok: false }>) {
		super(result.reason);
	}
}

/**
 * Takes a municipality from the directory into the ring in one transaction: the organisation
 * (official name and AGS), its official inhabitants as denominator, participation in the chosen
 * fields with a scorecard copied from each field's template, and its first accounts with
 * set-password links. Anything refused leaves no trace.
 */
export async function joinRing(db: Db, input: JoinInput): Promise<JoinResult> {
	try {
		return await db.transaction(async (tx) => {
			const [entry] = await tx
				.select({ ags: municipalities.ags, name: municipalities.name, slug: municipalities.slug })
				.from(municipalities)
				.where(eq(municipalities.ags, input.ags))
				.for('update');
			if (!entry) throw new JoinRefused({ ok: false, reason: 'not_found' });
			const [member] = await tx
				.select({ id: organisations.id })
				.from(organisations)
				.where(eq(organisations.ags, input.ags));
			if (member) throw new JoinRefused({ ok: false, reason: 'already_member' });
			const fieldIds = [...new Set(input.fieldIds)];
			const fields = fieldIds.length
				? await tx
						.select({ id: cooperationFields.id })
						.from(cooperationFields)
						.where(inArray(cooperationFields.id, fieldIds))
				: [];
			if (fields.length !== fieldIds.length)
				throw new JoinRefused({ ok: false, reason: 'unknown_field' });
			for (const account of input.accounts) {
				if (await findUserByEmail(tx, account.email))
					throw new JoinRefused({ ok: false, reason: 'email_taken', email: account.email });
			}

			// A slug already used by another organisation (say, a hand-made one) gets the AGS.
			const [slugTaken] = await tx
				.select({ id: organisations.id })
				.from(organisations)
				.where(eq(organisations.slug, entry.slug));
			const slug = slugTaken ? `${entry.slug}-${entry.ags}` : entry.slug;
			const [organisation] = await tx
				.insert(organisations)
				.values({ ags: entry.ags, name: entry.name, slug, kind: 'city' })
				.returning({ id: organisations.id, slug: organisations.slug, name: organisations.name });
			const organisationId = organisation!.id;
			await syncMemberPopulations(tx, organisationId);

			const joinedOn = input.now.toISOString().slice(0, 10);
			let built = 0;
			for (const fieldId of fieldIds) {
				await tx.insert(fieldParticipants).values({ fieldId, organisationId, joinedOn });
				const [card] = await tx
					.insert(scorecards)
					.values({ organisationId, fieldId })
					.returning({ id: scorecards.id });
				try {
					await adoptTemplate({
						tx,
						scorecardId: card!.id,
						organisationId,
						userId: input.actorUserId
					});
				} catch (error) {
					// A field without a template yet: the scorecard starts empty, to be built later.
					if (!(error instanceof EditRefused)) throw error;
				}
				built += 1;
			}

			const accounts: { email: string; token: string | null }[] = [];
			for (const account of input.accounts) {
				const user = await createUser(tx, {
					email: account.email,
					displayName: account.displayName,
					roles: [{ role: account.role, organisationId, fieldId: null }],
					actorUserId: input.actorUserId
				});
				const token =
					input.localPasswords === false ? null : await issueToken(tx, user.id, input.now);
				accounts.push({ email: user.email, token });
			}

			await recordAudit(tx, {
				userId: input.actorUserId,
				organisationId,
				action: 'organisation.join',
				entity: 'organisation',
				entityId: String(organisationId),
				after: {
					ags: entry.ags,
					name: entry.name,
					slug,
					fields: fieldIds,
					accounts: input.accounts.map((a) => ({ email: a.email, role: a.role }))
				}
			});
			return { ok: true as const, organisation: organisation!, scorecards: built, accounts };
		});
	} catch (error) {
		if (error instanceof JoinRefused) return error.result;
		throw error;
	}
}

export interface DirectoryHit {
	ags: string;
	name: string;
	kreis: string;
	kreisfrei: boolean;
	regierungsbezirk: string;
	inhabitants: number | null;
	/** The organisation's slug when the municipality is in the ring already. */
	memberSlug: string | null;
}

/** Up to `limit` municipalities whose name contains the query or whose AGS starts with it. */
export async function searchDirectory(db: Db, query: string, limit = 25): Promise<DirectoryHit[]> {
	const q = query.trim();
	if (!q) return [];
	const digits = q.replace(/\s/g, '');
	const escaped = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
	const matches = /^[0-9]{1,8}$/.test(digits)
		? sql`${municipalities.ags} like ${digits + '%'}`
		: sql`lower(${municipalities.name}) like ${'%' + escaped + '%'}`;
	const latest = sql<number | null>`(select mp.inhabitants from municipality_populations mp
		where mp.ags = ${municipalities.ags} order by mp.reference_date desc limit 1)`;
	const rows = await db
		.select({
			ags: municipalities.ags,
			name: municipalities.name,
			kreis: kreise.name,
			kreisKind: kreise.kind,
			regierungsbezirk: municipalities.regierungsbezirk,
			inhabitants: latest,
			memberSlug: organisations.slug
		})
		.from(municipalities)
		.innerJoin(kreise, eq(kreise.ags5, municipalities.kreisAgs5))
		.leftJoin(organisations, and(eq(organisations.ags, municipalities.ags)))
		.where(matches)
		.orderBy(asc(municipalities.name))
		.limit(limit);
	return rows.map(({ kreisKind, ...r }) => ({ ...r, kreisfrei: kreisKind === 'kreisfreie_stadt' }));
}
