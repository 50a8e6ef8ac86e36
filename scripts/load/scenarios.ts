/** The three kinds of simulated users; each loops until the phase ends. */
import { request, type Answer } from './http';
import type { Ledger } from './ledger';
import { QUARTER, YEAR, type ValueTarget } from './setup';

export interface Ctx {
	ledger: Ledger;
	running(): boolean;
	/** Counts one request: ok, or why not (the phase decides what a failure means). */
	result(scenario: string, answer: Answer | null, ok: boolean, detail: string): void;
	thinkMs: [number, number];
	/** The stored state of a value, read after an answer was lost (what the page would show). */
	storedState(t: ValueTarget): Promise<ReleaseWork['state']>;
}

const q = `q=${YEAR}-${QUARTER}`;
const entryPath = (t: ValueTarget) => `/cities/${t.city}/${t.field}/entry?${q}`;
export const valueKey = (t: { organisationId: number; kpiId: number }) =>
	`value:${t.organisationId}:${t.kpiId}`;
export const stateKey = (t: { organisationId: number; kpiId: number }) =>
	`state:${t.organisationId}:${t.kpiId}`;

const pause = (ctx: Ctx) =>
	new Promise((r) =>
		setTimeout(r, ctx.thinkMs[0] + Math.random() * (ctx.thinkMs[1] - ctx.thinkMs[0]))
	);

/** A request that never throws: a network error or timeout is a failed answer (null). */
async function call(
	ctx: Ctx,
	scenario: string,
	base: string,
	path: string,
	token: string,
	options: Parameters<typeof request>[3],
	isOk: (a: Answer) => boolean
): Promise<Answer | null> {
	try {
		const answer = await request(base, path, token, options);
		const ok = isOk(answer);
		ctx.result(scenario, answer, ok, ok ? '' : `${answer.status} ${answer.body.slice(0, 160)}`);
		return ok ? answer : null;
	} catch (e) {
		ctx.result(scenario, null, false, String(e));
		return null;
	}
}

const actionOk = (a: Answer) => a.status === 200 && a.type === 'success';
const pageOk = (a: Answer) => a.status === 200;

/** The value the grid shows for the KPI (German format), or null when the field is empty. */
export function storedValueIn(html: string, kpiId: number): number | null {
	const input = new RegExp(`<input[^>]*name="value_${kpiId}"[^>]*>`).exec(html)?.[0];
	const shown = input && /\svalue="([^"]*)"/.exec(input)?.[1];
	if (!shown) return null;
	const n = Number(shown.replaceAll('.', '').replace(',', '.'));
	return Number.isNaN(n) ? null : n;
}

export function versionIn(html: string, kpiId: number): number | null {
	const m = new RegExp(`name="version_${kpiId}" value="(\\d+)"`).exec(html);
	return m ? Number(m[1]) : null;
}

/** Controller: opens the entry grid, types a new value into its KPI and saves. */
export async function controllerUser(ctx: Ctx, base: string, token: string, t: ValueTarget) {
	const path = entryPath(t);
	const key = valueKey(t);
	while (ctx.running()) {
		const page = await call(ctx, 'controller: grid', base, path, token, {}, pageOk);
		const version = page ? versionIn(page.body, t.kpiId) : null;
		if (page && version === null) ctx.result('controller: grid', page, false, 'no version field');
		if (version !== null && ctx.running()) {
			await pause(ctx);
			const value = String(1 + Math.floor(Math.random() * 998));
			ctx.ledger.attempt(key, value);
			const saved = await call(
				ctx,
				'controller: save',
				base,
				`${path}&/save`,
				token,
				{
					enhance: true,
					form: {
						kpi: String(t.kpiId),
						[`value_${t.kpiId}`]: value,
						[`comment_${t.kpiId}`]: '',
						[`version_${t.kpiId}`]: String(version)
					}
				},
				actionOk
			);
			// Saving the value already stored writes nothing (the app skips it), so the version stays.
			const unchanged = storedValueIn(page!.body, t.kpiId) === Number(value);
			if (saved) ctx.ledger.ack(key, value, unchanged ? version : version + 1);
		}
		await pause(ctx);
	}
}

export interface ReleaseWork extends ValueTarget {
	/** The KPI's value and comment as stored, posted unchanged when submitting. */
	value: string;
	comment: string;
	state: 'draft' | 'submitted' | 'released';
}

/**
 * Approver (with the city's controller for the submit step): takes a released value back
 * (reopen), has it submitted again and releases the quarter, over and over.
 */
export async function approverUser(
	ctx: Ctx,
	base: string,
	tokens: { approver: string; controller: string },
	w: ReleaseWork
) {
	const path = entryPath(w);
	const key = stateKey(w);
	let state = w.state;
	let unsure = false;
	const step = async (
		scenario: string,
		token: string,
		action: string,
		form: Record<string, string>,
		next: ReleaseWork['state']
	) => {
		ctx.ledger.attempt(key, next);
		const done = await call(
			ctx,
			scenario,
			base,
			`${path}&/${action}`,
			token,
			{ enhance: true, form },
			actionOk
		);
		if (done) {
			ctx.ledger.ack(key, next);
			state = w.state = next;
		} else unsure = true;
	};
	while (ctx.running()) {
		const page = await call(ctx, 'approver: grid', base, path, tokens.approver, {}, pageOk);
		if (page) {
			// A step without answer may have been committed: look again before the next one.
			if (unsure) {
				state = w.state = await ctx.storedState(w);
				unsure = false;
			}
			await pause(ctx);
			if (state === 'released' || state === 'submitted') {
				await step(
					'approver: reopen',
					tokens.approver,
					'reopen',
					{ kpiId: String(w.kpiId), reason: 'Lasttest' },
					'draft'
				);
			} else if (state === 'draft') {
				await step(
					'controller: submit',
					tokens.controller,
					'submit',
					{
						kpi: String(w.kpiId),
						[`value_${w.kpiId}`]: w.value,
						[`comment_${w.kpiId}`]: w.comment,
						[`version_${w.kpiId}`]: String(versionIn(page.body, w.kpiId) ?? 0)
					},
					'submitted'
				);
				if ((state as ReleaseWork['state']) === 'submitted' && ctx.running()) {
					await pause(ctx);
					await step('approver: release', tokens.approver, 'release', {}, 'released');
				}
			}
		}
		await pause(ctx);
	}
}

/** Mayor (city leadership or observer): reads comparisons and the city's scorecards. */
export async function mayorUser(
	ctx: Ctx,
	base: string,
	token: string,
	city: string,
	fields: string[]
) {
	let i = Math.floor(Math.random() * fields.length);
	while (ctx.running()) {
		const field = fields[i++ % fields.length];
		const pages: [string, string][] = [
			['mayor: comparison', `/compare?field=${field}`],
			['mayor: heatmap', `/compare/heatmap?field=${field}`],
			['mayor: trend', `/compare/trend?field=${field}`],
			['mayor: scorecard', `/cities/${city}/${field}`]
		];
		for (const [scenario, path] of pages) {
			if (!ctx.running()) break;
			await call(ctx, scenario, base, path, token, {}, pageOk);
			await pause(ctx);
		}
	}
}
