import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';
import { fractionDigits, parseLocaleNumber } from '$lib/format/parse-number';
import type { AppLocale } from '$lib/format/number';
import { allocationKeys, lineKinds, scenarios } from '$lib/domain/pilots/types';
import { percentToHundredths } from '$lib/domain/pilots/allocation';
import { rateInRange, yearProblem } from '$lib/domain/pilots/validation';
import { criteriaProblems } from '$lib/domain/pilots/strategic';

/**
 * Forms of the pilot pages. Numbers stay text as typed (German or English notation), so a refused
 * form shows exactly what was entered; rules that need the database (lines outside new years,
 * partners, a change by someone else) are checked by the server and shown next to the field.
 */

export const pilotStatuses = ['idea', 'planned', 'running', 'completed', 'stopped'] as const;
export const gateCriteria = [
	'konkretisierung',
	'machbarkeit',
	'wirtschaftlichkeit',
	'akzeptanz',
	'projektplanung'
] as const;
export const gateDecisions = ['go', 'revise', 'stop'] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: () => m.pilot_choose() });

const id = z.int32({ error: () => m.pilot_choose() }).positive();

/** A year as typed, checked by the pilots' year rule (`yearProblem`). */
function checkYear(value: string, ctx: z.RefinementCtx) {
	const problem = /^-?\d{1,6}$/.test(value) ? yearProblem(Number(value)) : 'year_invalid';
	if (problem === 'year_negative')
		ctx.addIssue({ code: 'custom', message: m.pilot_year_negative() });
	else if (problem) ctx.addIssue({ code: 'custom', message: m.pilot_year_invalid() });
}

const yearText = text().trim().superRefine(checkYear);

const optionalYearText = text()
	.trim()
	.default('')
	.superRefine((value, ctx) => {
		if (value !== '') checkYear(value, ctx);
	});

const rateText = (locale: AppLocale) =>
	text()
		.trim()
		.superRefine((value, ctx) => {
			const n = parseLocaleNumber(value, locale);
			if (n === null || fractionDigits(value, locale) > 2)
				ctx.addIssue({ code: 'custom', message: m.pilot_rate_invalid() });
			else if (!rateInRange(n)) ctx.addIssue({ code: 'custom', message: m.pilot_rate_range() });
		});

const title = text()
	.trim()
	.min(3, { error: () => m.pilot_title_invalid() })
	.max(200, { error: () => m.pilot_title_invalid() });
const longText = text()
	.trim()
	.max(2000, { error: () => m.pilot_text_too_long() })
	.default('');

/** End before start is reported on the end year, where the person will look. */
const yearsInOrder = (data: { startYear: string; endYear: string }, ctx: z.RefinementCtx) => {
	if (Number(data.endYear) < Number(data.startYear))
		ctx.addIssue({ code: 'custom', path: ['endYear'], message: m.pilot_years_reversed() });
};

export const createPilotSchema = (locale: AppLocale) =>
	z
		.object({
			title,
			description: longText,
			leadOrganisationId: id,
			partnerIds: z
				.array(id)
				.min(1, { error: () => m.pilot_partners_required() })
				.default([]),
			status: choice(pilotStatuses).default('idea'),
			startYear: yearText,
			endYear: yearText,
			allocationKey: choice(allocationKeys).default('equal'),
			rate: rateText(locale),
			baseYear: optionalYearText
		})
		.superRefine(yearsInOrder);

/** Settings of an existing pilot, with the partners' basis for the key as parallel lists. */
export const settingsSchema = (locale: AppLocale) =>
	z
		.object({
			version: z.int32().positive(),
			status: choice(pilotStatuses),
			startYear: yearText,
			endYear: yearText,
			allocationKey: choice(allocationKeys),
			rate: rateText(locale),
			baseYear: optionalYearText,
			partnerIds: z.array(id).default([]),
			cases: z.array(text().trim().max(12)).default([]),
			shares: z.array(text().trim().max(12)).default([])
		})
		.superRefine(yearsInOrder)
		.superRefine((data, ctx) => {
			data.cases.forEach((value, i) => {
				if (value !== '' && !/^\d{1,9}$/.test(value.replace(/[.,\s]/g, '')))
					ctx.addIssue({ code: 'custom', path: ['cases', i], message: m.pilot_cases_invalid() });
			});
			data.shares.forEach((value, i) => {
				const h = value === '' ? 0 : percentToHundredths(value);
				if (h === null || h > 10_000)
					ctx.addIssue({ code: 'custom', path: ['shares', i], message: m.pilot_share_invalid() });
			});
		});

export const lineSchema = (locale: AppLocale) =>
	z.object({
		year: yearText,
		scenario: choice(scenarios).default('planned'),
		kind: choice(lineKinds).default('investment'),
		amount: text()
			.trim()
			.superRefine((value, ctx) => {
				const n = parseLocaleNumber(value, locale);
				if (n === null || n < 0 || n >= 1e12 || fractionDigits(value, locale) > 2)
					ctx.addIssue({ code: 'custom', message: m.pilot_amount_invalid() });
			}),
		// A browser posts nothing for an unticked box: absent means false, never a default of true.
		// The add form still starts ticked because the page loads it with `budgetRelevant: true`.
		budgetRelevant: z.boolean().default(false),
		label: text()
			.trim()
			.max(200, { error: () => m.pilot_text_too_long() })
			.default('')
	});

export const deleteLineSchema = z.object({ lineId: id, version: z.int32().positive() });

export const gateSchema = z.object({
	criterion: choice(gateCriteria).default('konkretisierung'),
	rating: z
		.number({ error: () => m.pilot_rating_invalid() })
		.int({ error: () => m.pilot_rating_invalid() })
		.min(0, { error: () => m.pilot_rating_invalid() })
		.max(10, { error: () => m.pilot_rating_invalid() }),
	decision: choice(gateDecisions).default('go'),
	decidedOn: z.iso.date({ error: () => m.pilot_date_invalid() }),
	evidence: longText
});

/** Cases as typed ("42.000" or "42,000") → integer; empty → null. */
export const casesFromText = (value: string) =>
	value.trim() === '' ? null : Number(value.replace(/[.,\s]/g, ''));

const pointsText = text()
	.trim()
	.refine((v) => v === '' || (/^\d{1,2}$/.test(v) && Number(v) <= 10), {
		error: () => m.pilot_rating_invalid()
	});

/** Strategic points of one pilot, one per criterion of the field (empty = not scored). */
export const scoresSchema = z
	.object({
		criterionIds: z.array(id).default([]),
		points: z.array(pointsText).default([])
	})
	.refine((d) => d.criterionIds.length === d.points.length, { error: () => m.pilot_stale() });

/**
 * The field's strategic criteria as parallel lists; a row with neither name nor weight is left
 * out (the blank row for a new criterion). Weights are whole numbers summing to exactly 100.
 */
export const criteriaSchema = z
	.object({
		criterionIds: z.array(z.int32().min(0)).default([]),
		names: z
			.array(
				text()
					.trim()
					.max(120, { error: () => m.pilot_text_too_long() })
			)
			.default([]),
		weights: z.array(text().trim().max(6)).default([])
	})
	.superRefine((d, ctx) => {
		// Blank rows are left out; a weight that is not a whole number of 0–100 stays NaN, so
		// the criteria rule (`criteriaProblems`, which the server applies too) reports it.
		const rows = d.names.flatMap((name, i) => {
			const weight = d.weights[i] ?? '';
			if (name === '' && weight === '') return [];
			return [{ i, name, weight: /^\d{1,3}$/.test(weight) ? Number(weight) : NaN }];
		});
		for (const problem of criteriaProblems(rows)) {
			if (problem.code === 'weights_not_100') {
				const message = m.pilot_weights_not_100({ sum: String(problem.sum) });
				ctx.addIssue({ code: 'custom', path: ['weights'], message });
				continue;
			}
			const i = rows[problem.index]!.i;
			const [path, message] =
				problem.code === 'weight_invalid'
					? ['weights', m.pilot_weight_invalid()]
					: [
							'names',
							problem.code === 'criterion_name_taken'
								? m.pilot_criterion_name_taken()
								: m.pilot_criterion_name_invalid()
						];
			ctx.addIssue({ code: 'custom', path: [path, i], message });
		}
	});

/** An expected change in percent as typed ("−20", "12,5"); empty = no figure, only a note. */
const changeText = (locale: AppLocale) =>
	text()
		.trim()
		.max(12)
		.superRefine((value, ctx) => {
			if (value === '') return;
			const n = parseLocaleNumber(value, locale);
			if (n === null || fractionDigits(value, locale) > 2 || n < -100 || n > 1000)
				ctx.addIssue({ code: 'custom', message: m.pilot_change_invalid() });
		});

/**
 * Title, description, lead, partners and the KPIs the pilot should move, edited after creation.
 * The KPI rows are parallel lists over the field's shared KPIs; a row without figure and note
 * is not linked.
 */
export const profileSchema = (locale: AppLocale) =>
	z.object({
		version: z.int32().positive(),
		title,
		description: longText,
		leadOrganisationId: id,
		partnerIds: z
			.array(id)
			.min(1, { error: () => m.pilot_partners_required() })
			.default([]),
		effectKpiIds: z.array(id).max(200).default([]),
		effectChanges: z.array(changeText(locale)).max(200).default([]),
		effectNotes: z
			.array(
				text()
					.trim()
					.max(300, { error: () => m.pilot_text_too_long() })
			)
			.max(200)
			.default([])
	});

/** One yearly line changed in place; the version is the pilot's, as for deletions. */
export const updateLineSchema = (locale: AppLocale) =>
	lineSchema(locale).extend({ lineId: id, version: z.int32().positive() });
