/**
 * Accounts and work for the simulated users, made with SQL in the throwaway database: a
 * controller, an approver and a mayor (city leadership) per city, all with the demo password
 * (its hash is copied from a demo account, so no hashing here), and disjoint pieces of work so
 * no two simulated users ever edit the same value (a conflict would be a test artefact).
 */
import type { Sql } from 'postgres';

export const PASSWORD = 'Demo-Ring-2026!';
export const YEAR = 2026;
export const QUARTER = 3;

export interface Account {
	email: string;
	city: string;
}

export interface ValueTarget {
	city: string;
	field: string;
	organisationId: number;
	kpiId: number;
}

export interface Plan {
	cities: string[];
	fields: string[];
	controllers: Account[];
	approvers: Account[];
	mayors: Account[];
	/** One KPI per controller user, on scorecards no approver user touches. */
	saveTargets: ValueTarget[];
	/** One scorecard per approver user with a released KPI it cycles through reopen/submit/release. */
	releaseTargets: ValueTarget[];
	/** Kept aside for the two-instance lock check. */
	lockTarget: ValueTarget;
}

export async function createAccounts(sql: Sql) {
	const [demo] =
		await sql`select password_hash from users where email = 'controlling.koeln@demo.ikz-nrw.de'`;
	if (!demo) throw new Error('demo data missing: seed with --demo first');
	const cities =
		await sql`select id, slug from organisations where kind <> 'association' order by slug`;
	for (const city of cities) {
		for (const role of ['controller', 'approver', 'city_leadership'] as const) {
			const email = `load.${role}.${city.slug}@load.test`;
			const [user] = await sql`
				insert into users (email, display_name, password_hash)
				values (${email}, ${`Last ${role} ${city.slug}`}, ${demo.password_hash})
				on conflict do nothing returning id`;
			if (user)
				await sql`insert into role_assignments (user_id, role, organisation_id)
					values (${user.id}, ${role}, ${city.id})`;
		}
	}
}

export async function makePlan(
	sql: Sql,
	controllerUsers: number,
	approverUsers: number
): Promise<Plan> {
	type Row = {
		city: string;
		field: string;
		organisation_id: number;
		kpi_id: number;
		state: string | null;
	};
	const rows: Row[] = await sql<Row[]>`
		select o.slug as city, f.slug as field, o.id as organisation_id, sk.kpi_id, m.state
		from scorecards s
		join organisations o on o.id = s.organisation_id
		join cooperation_fields f on f.id = s.field_id
		join field_participants fp on fp.field_id = f.id and fp.organisation_id = o.id
		join perspectives p on p.scorecard_id = s.id
		join objectives ob on ob.perspective_id = p.id
		join scorecard_kpis sk on sk.objective_id = ob.id and sk.archived_at is null
		left join measurements m on m.organisation_id = o.id and m.kpi_id = sk.kpi_id
			and m.year = ${YEAR} and m.quarter = ${QUARTER}
		where o.kind <> 'association'
		order by o.slug, f.slug, sk.kpi_id`;
	// Scorecard → its rows; a list is made with its first row, so none is empty.
	const cards = new Map<string, Row[]>();
	for (const r of rows) {
		const key = `${r.city}/${r.field}`;
		cards.set(key, [...(cards.get(key) ?? []), r]);
	}
	const target = (r: Row): ValueTarget => ({
		city: r.city,
		field: r.field,
		organisationId: r.organisation_id,
		kpiId: r.kpi_id
	});
	// Approvers: whole scorecards with a released value, spread over cities.
	const releaseTargets: ValueTarget[] = [];
	const usedCards = new Set<string>();
	const usedCities = new Map<string, number>();
	for (const round of [0, 1, 2, 3]) {
		for (const [key, list] of cards) {
			if (releaseTargets.length >= approverUsers) break;
			if (usedCards.has(key) || (usedCities.get(list[0]!.city) ?? 0) > round) continue;
			const released = list.find((r) => r.state === 'released');
			if (!released) continue;
			releaseTargets.push(target(released));
			usedCards.add(key);
			usedCities.set(released.city, (usedCities.get(released.city) ?? 0) + 1);
		}
	}
	// Controllers: draft or empty values on the other scorecards, one per scorecard first.
	const free = [...cards].filter(([key]) => !usedCards.has(key));
	const saveTargets: ValueTarget[] = [];
	const taken = new Set<string>();
	for (let round = 0; saveTargets.length < controllerUsers + 1 && round < 20; round++) {
		for (const [, list] of free) {
			const open = list.filter((r) => r.state !== 'submitted' && r.state !== 'released');
			const pick = open[round];
			if (!pick || saveTargets.length >= controllerUsers + 1) continue;
			const id = `${pick.organisation_id}:${pick.kpi_id}`;
			if (taken.has(id)) continue;
			taken.add(id);
			saveTargets.push(target(pick));
		}
	}
	if (saveTargets.length < controllerUsers + 1 || releaseTargets.length < approverUsers)
		throw new Error('not enough open values in the demo data for the requested users');
	const lockTarget = saveTargets.pop()!;
	const account = (role: string) => (city: string) => ({
		email: `load.${role}.${city}@load.test`,
		city
	});
	const cities = [...new Set(rows.map((r) => r.city))];
	return {
		cities,
		fields: [...new Set(rows.map((r) => r.field))],
		controllers: cities.map(account('controller')),
		approvers: cities.map(account('approver')),
		mayors: cities.map(account('city_leadership')),
		saveTargets,
		releaseTargets,
		lockTarget
	};
}
