import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
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
		const form = await superValidate(data, zod4(populationLoadSchema));
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { form, error: m.directory_populations_no_file() });
		if (file.size > MAX_FILE_BYTES)
			return fail(400, { form, error: m.directory_populations_not_text() });
		if (!form.valid) return fail(400, { form });
		const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
		if (!decoded.ok) return fail(400, { form, error: m.directory_populations_not_text() });
		const result = await previewPopulationLoad(appDb(), { text: decoded.text, ...form.data });
		if (!result.ok)
			return fail(400, {
				form,
				error: m.directory_populations_header({ columns: result.missing.join(', ') })
			});
		return { form, text: decoded.text, plan: shown(result.plan) };
	},
	/** Applies exactly the text the dry run showed, planned again against the current directory. */
	commit: async (event) => {
		const viewer = requirePermission(event, 'user:admin');
		const data = await requireFormData(event);
		const form = await superValidate(data, zod4(populationLoadSchema));
		const text = data.get('text');
		if (typeof text !== 'string' || text === '')
			return fail(400, { form, error: m.directory_populations_no_file() });
		if (!form.valid) return fail(400, { form });
		const result = await commitPopulationLoad(appDb(), {
			text,
			...form.data,
			actorUserId: viewer.principal.userId
		});
		if (!result.ok && result.reason === 'header')
			return fail(400, {
				form,
				error: m.directory_populations_header({ columns: result.missing.join(', ') })
			});
		if (!result.ok)
			return fail(409, {
				form,
				text,
				plan: shown(result.plan),
				error: m.directory_populations_not_committed()
			});
		return {
			form,
			committed: m.directory_populations_committed({ changes: String(result.changed) })
		};
	}
};
