/** Runs the simulated users against the instances for a while and collects their figures. */
import type { Instance } from './app';
import type { Answer } from './http';
import type { Ledger } from './ledger';
import { approverUser, controllerUser, mayorUser, type Ctx, type ReleaseWork } from './scenarios';
import type { Plan } from './setup';
import { Stats } from './stats';

export const UNAVAILABLE_TEXT = 'Die Datenbank ist gerade nicht erreichbar';

export interface Users {
	controllers: number;
	approvers: number;
	mayors: number;
}

export interface Tokens {
	controller: Map<string, string>;
	approver: Map<string, string>;
	mayor: Map<string, string>;
	observer: string;
}

/** One answer during the database outage window. */
export interface OutageAnswer {
	/** When the request was sent (ms since epoch). */
	at: number;
	ms: number;
	/** 503 with the German message. */
	clean: boolean;
	detail: string;
}

export interface PhaseResult {
	stats: Stats;
	seconds: number;
	/** Every failed request, and the send time of every successful one. */
	failures: OutageAnswer[];
	successes: number[];
}

export interface PhaseSetup {
	instances: Instance[];
	plan: Plan;
	work: ReleaseWork[];
	tokens: Tokens;
	users: Users;
	ledger: Ledger;
	storedState: Ctx['storedState'];
	/** Pause of a simulated user between two requests, ms (uniform within the range). */
	thinkMs: [number, number];
}

export async function runPhase(
	{ instances, plan, work, tokens, users, ledger, storedState, thinkMs }: PhaseSetup,
	seconds: number,
	during?: () => Promise<void>
): Promise<PhaseResult> {
	const stats = new Stats();
	const failures: OutageAnswer[] = [];
	const successes: number[] = [];
	const started = Date.now();
	const ends = started + seconds * 1000;
	const ctx: Ctx = {
		ledger,
		storedState,
		thinkMs,
		running: () => Date.now() < ends,
		result(scenario: string, answer: Answer | null, ok: boolean, detail: string) {
			const sent = Date.now() - (answer?.ms ?? 0);
			stats.record(scenario, answer?.ms ?? 0, ok, detail);
			if (ok) successes.push(sent);
			else
				failures.push({
					at: sent,
					ms: answer?.ms ?? 0,
					clean: answer?.status === 503 && answer.body.includes(UNAVAILABLE_TEXT),
					detail: `${scenario}: ${detail.slice(0, 120)}`
				});
		}
	};
	// makePlan (setup.ts) refuses a plan with fewer targets than users; a phase with other counts
	// would hand an undefined target to a user and fail far from the cause.
	if (
		!instances.length ||
		!plan.cities.length ||
		plan.saveTargets.length < users.controllers ||
		work.length < users.approvers
	)
		throw new Error('runPhase: no instances or cities, or fewer targets than users');
	const instance = (i: number) => instances[i % instances.length]!.base;
	// Users arrive spread over one think time, not all in the same millisecond.
	const arrive = (user: () => Promise<void>) =>
		new Promise((r) => setTimeout(r, Math.random() * thinkMs[1])).then(user);
	const loops: Promise<void>[] = [];
	for (let i = 0; i < users.controllers; i++) {
		const t = plan.saveTargets[i]!;
		loops.push(arrive(() => controllerUser(ctx, instance(i), tokens.controller.get(t.city)!, t)));
	}
	for (let i = 0; i < users.approvers; i++) {
		const w = work[i]!;
		loops.push(
			arrive(() =>
				approverUser(
					ctx,
					instance(i),
					{ approver: tokens.approver.get(w.city)!, controller: tokens.controller.get(w.city)! },
					w
				)
			)
		);
	}
	for (let i = 0; i < users.mayors; i++) {
		const city = plan.cities[i % plan.cities.length]!;
		// Every fifth reader is the association's observer, who sees only released values.
		const token = i % 5 === 4 ? tokens.observer : tokens.mayor.get(city)!;
		loops.push(arrive(() => mayorUser(ctx, instance(i), token, city, plan.fields)));
	}
	if (during) loops.push(during());
	await Promise.all(loops);
	return { stats, seconds: (Date.now() - started) / 1000, failures, successes };
}
