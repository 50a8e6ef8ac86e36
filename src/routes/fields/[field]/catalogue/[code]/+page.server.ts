import { routes } from '$lib/routes';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireFieldCapability } from '$lib/server/auth/scoped-guards';
import {
	archiveKpi,
	correctKpi,
	deleteKpi,
	restoreKpi,
	versionKpi,
	type EditorRefusal,
	type EditorResult,
	type KpiTarget
} from '$lib/server/catalogue/commands';
import { getKpiDetail } from '$lib/server/catalogue/queries';
import {
	currentQuarter,
	definitionFromForm,
	formFromVersion,
	refusalResponse
} from '$lib/server/catalogue/form';
import { canEditCatalogue } from '$lib/server/catalogue/route';
import { appDb } from '$lib/server/db';
import type { Db } from '$lib/server/db/types';
import { compareQuarters, shiftQuarter } from '$lib/domain/period/quarter';
import { editKpiSchema, kpiLifecycleSchema } from '$lib/schemas/catalogue';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad, RequestEvent as PageEvent } from './$types';
import { readForm } from '$lib/server/http/read-form';
import { failForm, failNotice } from '$lib/server/http/form-failure';
import { errorNotice } from '$lib/schemas/form-notice';

async function kpiOf(db: Db, fieldId: number, code: string) {
	const kpi = await getKpiDetail(db, fieldId, code);
	if (!kpi) error(404, m.catalogue_editor_not_found());
	return kpi;
}

/** The lock version a lifecycle button was rendered with (0 if missing: always a conflict). */
async function postedVersion(event: RequestEvent): Promise<number> {
	const form = await readForm(event, kpiLifecycleSchema);
	return form.valid ? form.data.expectedVersion : 0;
}

/** A refused archive, restore or delete: a notice above the buttons. */
function lifecycleRefusal(refusal: EditorRefusal) {
	if (refusal.reason === 'not_found') error(404, m.catalogue_editor_not_found());
	if (refusal.reason === 'conflict') return failNotice(409, m.catalogue_editor_conflict_action());
	return failNotice(
		400,
		refusal.reason === 'in_use' ? m.catalogue_editor_in_use() : m.catalogue_editor_unchanged()
	);
}

/**
 * Archive, restore and delete after their guard: the KPI, the command at the version the button
 * was rendered with, then the page that says it is done (or the refusal above the buttons).
 */
async function lifecycle(
	event: PageEvent,
	userId: number,
	field: { id: number },
	command: (db: Db, userId: number, target: KpiTarget) => Promise<EditorResult>,
	done: (code: string) => string
) {
	const db = appDb();
	const kpi = await kpiOf(db, field.id, event.params.code);
	const result = await command(db, userId, {
		fieldId: field.id,
		kpiId: kpi.kpiId,
		expectedVersion: await postedVersion(event)
	});
	if (!result.ok) return lifecycleRefusal(result);
	redirect(303, done(kpi.code));
}

/** The Steckbrief: any logged-in person reads it, the field lead edits it. */
export const load: PageServerLoad = async (event) => {
	const { viewer, field } = await requireFieldCapability(event, event.params.field, 'ring:read');
	const db = appDb();
	const kpi = await kpiOf(db, field.id, event.params.code);
	const canEdit = canEditCatalogue(viewer, field.id);
	if (!canEdit) return { field, kpi, canEdit, form: null };
	const locale = getLocale();
	// A new version starts by default in the running quarter, or right after the latest one.
	const afterLatest = shiftQuarter(
		{ year: kpi.latest.validFromYear, quarter: kpi.latest.validFromQuarter },
		1
	);
	const now = currentQuarter(new Date());
	const start = compareQuarters(afterLatest, now) > 0 ? afterLatest : now;
	const form = await superValidate(
		{
			mode: 'correct' as const,
			...formFromVersion(kpi.latest, locale),
			validFromYear: String(start.year),
			validFromQuarter: start.quarter,
			expectedVersion: kpi.version
		},
		zod4(editKpiSchema(locale)),
		{ errors: false }
	);
	return { field, kpi, canEdit, form };
};

export const actions: Actions = {
	save: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'catalogue:write'
		);
		const db = appDb();
		const kpi = await kpiOf(db, field.id, event.params.code);
		const locale = getLocale();
		const form = await readForm(event, editKpiSchema(locale));
		if (!form.valid) {
			form.message = errorNotice(m.catalogue_editor_check_input());
			return failForm(400, { form });
		}
		const target = {
			fieldId: field.id,
			kpiId: kpi.kpiId,
			expectedVersion: form.data.expectedVersion
		};
		const definition = definitionFromForm(form.data, locale);
		const result =
			form.data.mode === 'correct'
				? await correctKpi(db, viewer.principal.userId, { ...target, definition })
				: await versionKpi(db, viewer.principal.userId, {
						...target,
						validFrom: {
							year: Number(form.data.validFromYear),
							quarter: form.data.validFromQuarter
						},
						definition
					});
		if (!result.ok) return refusalResponse(form, result, locale);
		const done = form.data.mode === 'correct' ? 'corrected' : 'versioned';
		redirect(303, routes.catalogueKpiDone(field.slug, kpi.code, done));
	},
	archive: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'catalogue:write'
		);
		return lifecycle(event, viewer.principal.userId, field, archiveKpi, (code) =>
			routes.catalogueKpiDone(field.slug, code, 'archived')
		);
	},
	restore: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'catalogue:write'
		);
		return lifecycle(event, viewer.principal.userId, field, restoreKpi, (code) =>
			routes.catalogueKpiDone(field.slug, code, 'restored')
		);
	},
	delete: async (event) => {
		const { viewer, field } = await requireFieldCapability(
			event,
			event.params.field,
			'catalogue:write'
		);
		return lifecycle(event, viewer.principal.userId, field, deleteKpi, (code) =>
			routes.catalogueDeleted(field.slug, code)
		);
	}
};
