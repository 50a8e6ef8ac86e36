import { superValidate, type Infer, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requirePermission } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db';
import { commitPopulationLoad, previewPopulationLoad } from '$lib/server/directory/population-load';
import { problemMessage } from '$lib/server/directory/problem-messages';
import { decodeText, MAX_FILE_BYTES } from '$lib/server/tabular/decode';
import { populationLoadSchema } from '$lib/schemas/directory';
import type { PopulationPlan } from '$lib/domain/directory/population-plan';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { requireFormData } from '$lib/server/http/read-form';
import { failForm } from '$lib/server/http/form-failure';
import { errorNotice, type FormNotice } from '$lib/schemas/form-notice';

type PopulationForm = SuperValidated<Infer<typeof populationLoadSchema>, FormNotice>;

/** The form back with a message about the whole upload (no file, not text, wrong columns). */
function refuse(
	status: number,
	form: PopulationForm,
	text: string,
	beside: { text?: string; plan?: ReturnType<typeof shown> } = {}
) {
	form.message = errorNotice(text);
	return failForm(status, { form }, beside);
}

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'user:admin');
	return { form: await superValidate(zod4(populationLoadSchema)) };
};

/** The plan as the page shows it: reasons already in words. */
function shown(plan: PopulationPlan) {
	return {
		changes: plan.changes,
		unchanged: plan.unchanged,
		refusals: plan.refusals.map((r) => ({
			line: r.line,
			ags: r.ags,
			reasons: r.problems.map(problemMessage)
		}))
	};
}

export const actions: Actions = {
	/** The dry run: reads the uploaded file, writes nothing, returns the file's text for the commit. */
	preview: async (event) => {
		requirePermission(event, 'user:admin');
		const data = await requireFormData(event);
		const form = await superValidate<Infer<typeof populationLoadSchema>, FormNotice>(
			data,
			zod4(populationLoadSchema)
		);
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0)
			return refuse(400, form, m.directory_populations_no_file());
		if (file.size > MAX_FILE_BYTES) return refuse(400, form, m.directory_populations_not_text());
		if (!form.valid) return failForm(400, { form });
		const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
		if (!decoded.ok) return refuse(400, form, m.directory_populations_not_text());
		const result = await previewPopulationLoad(appDb(), { text: decoded.text, ...form.data });
		if (!result.ok)
			return refuse(
				400,
				form,
				m.directory_populations_header({ columns: result.missing.join(', ') })
			);
		return { form, text: decoded.text, plan: shown(result.plan) };
	},
	/** Applies exactly the text the dry run showed, planned again against the current directory. */
	commit: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const data = await requireFormData(event);
		const form = await superValidate<Infer<typeof populationLoadSchema>, FormNotice>(
			data,
			zod4(populationLoadSchema)
		);
		const text = data.get('text');
		if (typeof text !== 'string' || text === '')
			return refuse(400, form, m.directory_populations_no_file());
		if (!form.valid) return failForm(400, { form });
		const result = await commitPopulationLoad(appDb(), {
			text,
			...form.data,
			actorUserId: viewer.principal.userId
		});
		if (!result.ok && result.reason === 'header')
			return refuse(
				400,
				form,
				m.directory_populations_header({ columns: result.missing.join(', ') })
			);
		if (!result.ok)
			return refuse(409, form, m.directory_populations_not_committed(), {
				text,
				plan: shown(result.plan)
			});
		return {
			form,
			committed: m.directory_populations_committed({ changes: String(result.changed) })
		};
	}
};
