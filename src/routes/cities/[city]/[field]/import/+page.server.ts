import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
	importColumnChoice,
	importDoneQuery,
	importUploadIdSchema,
	importUploadSchema
} from '$lib/schemas/import';
import { readFormData, requireFormData } from '$lib/server/http/read-form';
import { failNotice } from '$lib/server/http/form-failure';
import { requirePermission, type requireUser } from '$lib/server/auth/guards';
import { requireCityCapability } from '$lib/server/auth/scoped-guards';
import { can } from '$lib/server/auth/permissions';
import { appDb } from '$lib/server/db';
import { findScorecard, type ScorecardHeader } from '$lib/server/scorecards/queries';
import { chooseQuarter } from '$lib/server/entry/grid';
import { fieldQuarters } from '$lib/server/import-export/quarters';
import {
	applyMapping,
	commitUpload,
	receiveUpload,
	replanUpload,
	type ImportScope
} from '$lib/server/import-export/process';
import {
	isUploadId,
	loadUpload,
	removeUpload,
	type UploadRecord
} from '$lib/server/import-export/uploads';
import { uploadView, viewQuery } from '$lib/server/import-export/view';
import { fileProblemText } from '$lib/server/import-export/file-messages';
import { columnTargets, mappingFromChoices } from '$lib/domain/delivery/columns';
import { MAX_FILE_BYTES } from '$lib/server/tabular/decode';
import { routes } from '$lib/routes';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ city: string; field: string }>;
type Viewer = ReturnType<typeof requireUser>;

async function scorecardOf(event: Event): Promise<ScorecardHeader> {
	const header = await findScorecard(appDb(), event.params.city, event.params.field);
	if (!header) error(404, m.not_found_scorecard());
	return header;
}

const scopeOf = (header: ScorecardHeader, viewer: Viewer): ImportScope => ({
	userId: viewer.principal.userId,
	organisationId: header.organisation.id,
	fieldId: header.field.id,
	citySlug: header.organisation.slug,
	fieldSlug: header.field.slug,
	locale: getLocale()
});

/** The scorecard and the import scope (the action's guard checked `measurement:write`). */
async function writerScope(event: Event, viewer: Viewer) {
	const header = await scorecardOf(event);
	return { header, scope: scopeOf(header, viewer) };
}

const maxMb = String(MAX_FILE_BYTES / 1024 / 1024);
const tooLarge = () => m.import_file_too_large({ max: maxMb });
const pageUrl = (header: ScorecardHeader, query = '') =>
	`${routes.importPage(header.organisation.slug, header.field.slug)}${query ? `?${query}` : ''}`;
const uploadUrl = (header: ScorecardHeader, record: UploadRecord, extra = '') => {
	const errors = (record.plan?.counts.error ?? 0) > 0;
	return pageUrl(header, `upload=${record.id}${errors ? '&show=error' : ''}${extra}`);
};

async function recordFromForm(form: FormData, scope: ImportScope) {
	const parsed = importUploadIdSchema.safeParse({ upload: form.get('upload') });
	if (!parsed.success) return null;
	return loadUpload(appDb(), parsed.data.upload, scope);
}

export const load: PageServerLoad = async (event) => {
	const viewer = requirePermission(event, 'ring:read');
	const header = await scorecardOf(event);
	const p = viewer.principal;
	const organisationId = header.organisation.id;
	const mayWrite = can(p, 'measurement:write', { organisationId });
	const [quarters, current] = await Promise.all([
		fieldQuarters(appDb(), header.field.id),
		chooseQuarter(appDb(), header.field.slug, null, new Date())
	]);
	const params = event.url.searchParams;
	const notices: string[] = [];
	const done = importDoneQuery.safeParse(params.get('imported'));
	if (done.success) {
		const [created, changed, unchanged] = done.data;
		notices.push(m.import_done({ new: created!, changed: changed!, unchanged: unchanged! }));
	}
	if (params.has('discarded')) notices.push(m.import_discarded());

	let upload = null;
	let alert: string | null = null;
	const id = params.get('upload');
	if (mayWrite && id !== null) {
		const scope = scopeOf(header, viewer);
		let record = isUploadId(id) ? await loadUpload(appDb(), id, scope) : null;
		if (!record) alert = m.import_upload_missing();
		else {
			// Row messages are stored texts: a language switch plans the dry run again.
			if (record.plan && record.locale !== scope.locale) {
				record = await replanUpload(appDb(), scope, record);
			}
			upload = uploadView(record, viewQuery.parse(Object.fromEntries(params)), scope.locale);
			if (params.has('stale')) alert = m.import_stale();
			else if (params.has('failed')) alert = m.import_commit_errors();
		}
	}
	return {
		scorecard: header,
		mayWrite,
		maxBytes: MAX_FILE_BYTES,
		quarters,
		currentQuarter: current,
		notices,
		alert,
		upload
	};
};

export const actions: Actions = {
	/** Receives a file: a dry run (or the column mapping step) on the kept file; nothing written. */
	upload: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:write');
		const { header, scope } = await writerScope(event, viewer);
		const read = await readFormData(event);
		if (!read.ok) {
			// adapter-node's BODY_SIZE_LIMIT stops a body above it while it is read: say why.
			const message =
				read.reason === 'too_large'
					? tooLarge()
					: read.reason === 'unreadable'
						? m.import_upload_failed()
						: read.message;
			return failNotice(read.status, message);
		}
		const form = read.data;
		const file = form.get('file');
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
			return failNotice(400, m.import_file_required());
		}
		if (file.size > MAX_FILE_BYTES) return failNotice(413, tooLarge());
		const { numberFormat } = importUploadSchema.parse({ numberFormat: form.get('numberFormat') });
		const received = await receiveUpload(
			appDb(),
			scope,
			{ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
			numberFormat
		);
		if (!received.ok) {
			return failNotice(
				400,
				received.problems.map((p) => fileProblemText(p, scope.locale)).join(' ')
			);
		}
		redirect(303, uploadUrl(header, received.record));
	},

	/** The user's meaning for each file column: remembered for the city, then a new dry run. */
	mapping: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:write');
		const { header, scope } = await writerScope(event, viewer);
		const form = await requireFormData(event);
		const record = await recordFromForm(form, scope);
		if (!record?.facts) return failNotice(400, m.import_upload_missing());
		const choices = record.facts.header.map(
			(_, i) =>
				importColumnChoice.parse(form.get(`column_${i}`)) as (typeof columnTargets)[number] | null
		);
		if (choices.every((c) => c === null)) return failNotice(400, m.import_mapping_invalid());
		await applyMapping(appDb(), scope, record, mappingFromChoices(record.facts.header, choices));
		redirect(303, uploadUrl(header, record));
	},

	/** Imports the kept file: planned again under locks, all rows or none. */
	commit: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:write');
		const { header, scope } = await writerScope(event, viewer);
		const record = await recordFromForm(await requireFormData(event), scope);
		if (!record) return failNotice(400, m.import_upload_missing());
		const result = await commitUpload(appDb(), scope, record);
		if (result.ok) {
			const c = result.plan.counts;
			redirect(303, pageUrl(header, `imported=${c.new}.${c.changed}.${c.unchanged}`));
		}
		if (result.plan === null) return failNotice(400, m.import_upload_missing());
		redirect(303, uploadUrl(header, record, 'stale' in result ? '&stale=1' : '&failed=1'));
	},

	discard: async (event) => {
		const { viewer } = await requireCityCapability(event, event.params.city, 'measurement:write');
		const { header, scope } = await writerScope(event, viewer);
		const record = await recordFromForm(await requireFormData(event), scope);
		if (record) await removeUpload(appDb(), record.id);
		redirect(303, pageUrl(header, 'discarded=1'));
	}
};
