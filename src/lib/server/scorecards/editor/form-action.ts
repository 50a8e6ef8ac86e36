import { error, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import type { FormNotice } from '../../../schemas/form-notice';
import { m } from '../../../paraglide/messages';
import type { Viewer } from '../../auth/viewer';
import { appDb } from '../../db';
import { ensureScorecard } from './ensure';
import { editScorecard, type EditRefusal } from './run';
import type { EditContext } from './structure';
import type { EditorTarget } from './target';
import { readForm } from '../../http/read-form';
import { failForm } from '../../http/form-failure';

/** What a form shows after a save: a confirmation or an error, next to the form. */
export type { FormNotice };

type User = Extract<Viewer, { kind: 'user' }>;

const bandProblemText: Record<string, () => string> = {
	target_missing: () => m.editor_band_target_missing(),
	green_inverted: () => m.editor_band_green_inverted(),
	yellow_inside_green: () => m.editor_band_yellow_inside_green(),
	bound_not_allowed: () => m.editor_band_bound_not_allowed()
};

const bandProblemFields: Record<string, string[]> = {
	target_missing: ['greenMin', 'greenMax'],
	green_inverted: ['greenMin', 'greenMax'],
	yellow_inside_green: ['yellowMin', 'yellowMax']
};

export function refusalText(reason: EditRefusal, problems: string[]): string {
	switch (reason) {
		case 'conflict':
			return m.editor_conflict();
		case 'not_found':
			return m.editor_not_found();
		case 'not_empty':
			return m.editor_not_empty();
		case 'kpi_on_scorecard':
			return m.editor_kpi_on_scorecard();
		case 'kpi_not_available':
			return m.editor_kpi_not_available();
		case 'code_taken':
			return m.editor_code_taken();
		case 'last_perspective':
			return m.editor_last_perspective();
		case 'nothing_to_copy':
			return m.editor_nothing_to_copy();
		case 'weights_uneven':
			return m.editor_weights_uneven();
		case 'invalid_bands':
			return problems.map((p) => bandProblemText[p]?.() ?? p).join(' ');
	}
}

/**
 * The whole life of one editor form post (after the route's guard checked `scorecard:write` for
 * the city or `catalogue:write` for the field): validate with zod (400 with the
 * messages next to the fields), run the change with optimistic locking in one transaction, and
 * answer with a notice. `fieldOf` puts a refusal next to the field it concerns.
 */
export async function runEditorAction<S extends z.ZodType<Record<string, unknown>>, T>(
	event: RequestEvent,
	viewer: User,
	target: EditorTarget | null,
	schema: S,
	change: (ctx: EditContext, data: z.output<S>) => Promise<T>,
	success: (value: T) => string,
	fieldOf: Partial<Record<EditRefusal, string>> = {}
) {
	if (!target) error(404, m.not_found_scorecard());
	const form = await readForm<S, FormNotice>(event, schema);
	if (!form.valid) {
		form.message = { kind: 'error', text: m.editor_check_input() };
		return failForm(400, { form });
	}
	const db = appDb();
	const scorecardId = await ensureScorecard(db, target);
	const ctx = {
		scorecardId,
		organisationId: target.organisation?.id ?? null,
		userId: viewer.principal.userId
	};
	const result = await editScorecard(db, scorecardId, Number(form.data.version), (tx) =>
		change({ ...ctx, tx }, form.data)
	);
	if (!result.ok) {
		const text = refusalText(result.reason, result.problems);
		const errors = form.errors as Record<string, string[]>;
		const field = fieldOf[result.reason];
		if (field) errors[field] = [text];
		// Each band rule next to the bound it concerns (the form shows only the polarity's bounds).
		for (const problem of result.problems) {
			for (const bound of bandProblemFields[problem] ?? []) {
				errors[bound] = [...(errors[bound] ?? []), bandProblemText[problem]!()];
			}
		}
		form.message = { kind: 'error', text };
		return failForm(result.reason === 'conflict' ? 409 : 400, { form });
	}
	form.message = { kind: 'success', text: success(result.value) };
	return { form };
}
