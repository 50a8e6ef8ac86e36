import { error, type RequestEvent } from '@sveltejs/kit';
import type { requireUser } from '../auth/guards';
import { appDb } from '../db';
import type { Db } from '../db/types';
import { findScorecard } from '../scorecards/queries';
import type { KpiView } from '$lib/domain/scorecard/types';
import {
	factorAddSchema,
	factorRemoveSchema,
	noteDeleteSchema,
	noteEditSchema,
	valueNoteAddSchema
} from '$lib/schemas/exchange';
import { m } from '$lib/paraglide/messages';
import { finishExchangeWrite, readExchangeForm } from './form';
import { noteViews } from './page';
import { deleteFormId, editFormId } from './pilot-actions';
import { mayRecordFactors } from './policy';
import { loadSeriesFactors, loadValueNotes, type FactorRow } from './queries';
import { addFactor, addNote, deleteNote, editNote, removeFactor } from './write';

type UserViewer = ReturnType<typeof requireUser>;
type Event = Pick<RequestEvent, 'request' | 'url' | 'route'> & {
	params: { city: string; field: string };
};

/**
 * The exchange beside the selected KPI of a city's scorecard: the factors of its whole series
 * (markers in the value history) and the thread and factors of one value, the requested quarter
 * or the latest. The KPI's series holds only values the viewer may see, so a quarter outside it
 * shows nothing; the queries apply the same visibility rule again in SQL. Two queries.
 */
export async function valueExchange(
	db: Db,
	viewer: UserViewer,
	organisationId: number,
	kpi: KpiView,
	requested: { year: number; quarter: number } | null
) {
	const points = kpi.series.filter((p) => p.value !== null && p.state !== null);
	const point =
		(requested &&
			points.find((p) => p.year === requested.year && p.quarter === requested.quarter)) ??
		points.at(-1) ??
		null;
	// Factors and notes in one step: both are known from the scorecard already read.
	const key = point && {
		organisationId,
		kpiId: kpi.kpiId,
		year: point.year,
		quarter: point.quarter
	};
	const [factors, notes]: [FactorRow[], Awaited<ReturnType<typeof loadValueNotes>>] =
		await Promise.all([
			loadSeriesFactors(db, viewer, organisationId, kpi.kpiId),
			key ? loadValueNotes(db, viewer, key) : []
		]);
	if (!point) return { value: null, periods: [], factors, notes: [], canRecordFactors: false };
	return {
		value: { kpiId: kpi.kpiId, year: point.year, quarter: point.quarter, state: point.state },
		periods: points.map((p) => ({ year: p.year, quarter: p.quarter })),
		factors,
		notes: noteViews(viewer.principal, notes, { organisationId, state: point.state }),
		canRecordFactors: mayRecordFactors(viewer.principal, organisationId)
	};
}

async function organisationOf(db: Db, event: Event) {
	const header = await findScorecard(db, event.params.city, event.params.field);
	if (!header) error(404, m.not_found_scorecard());
	return header.organisation.id;
}

const valueValues = (d: { kpiId: number; year: number; quarter: number }) => ({
	kpiId: String(d.kpiId),
	year: String(d.year),
	quarter: String(d.quarter)
});

/** Note actions on a value of the scorecard page (the route's guard checks `exchange:write`). */
export async function valueNoteAction(
	event: Event,
	viewer: UserViewer,
	action: 'add' | 'edit' | 'delete'
) {
	const db = appDb();
	const organisationId = await organisationOf(db, event);
	const { principal } = viewer;
	const scope = { organisationId };
	if (action === 'add') {
		const form = await readExchangeForm(event, valueNoteAddSchema, 'note-add');
		if (!form.ok) return form.failure;
		const { kind, body, ...value } = form.data;
		const result = await addNote(db, {
			principal,
			target: { organisationId, ...value },
			kind,
			body
		});
		return finishExchangeWrite(result, event.url, 'note-add', 'added', {
			kind,
			body,
			...valueValues(value)
		});
	}
	if (action === 'edit') {
		const form = await readExchangeForm(event, noteEditSchema, editFormId);
		if (!form.ok) return form.failure;
		const result = await editNote(db, { principal, scope, ...form.data });
		return finishExchangeWrite(result, event.url, `note-edit-${form.data.noteId}`, 'saved', {
			kind: form.data.kind,
			body: form.data.body
		});
	}
	const form = await readExchangeForm(event, noteDeleteSchema, deleteFormId);
	if (!form.ok) return form.failure;
	const result = await deleteNote(db, { principal, scope, ...form.data });
	return finishExchangeWrite(result, event.url, `note-delete-${form.data.noteId}`, 'deleted');
}

/**
 * Factor actions: only who enters the city's values (`measurement:write`), which the route's
 * guard checks for the city before this runs.
 */
export async function valueFactorAction(
	event: Event,
	viewer: UserViewer,
	action: 'add' | 'remove'
) {
	const db = appDb();
	const organisationId = await organisationOf(db, event);
	if (action === 'add') {
		const form = await readExchangeForm(event, factorAddSchema, 'factor-add');
		if (!form.ok) return form.failure;
		const { factorKind, explanation, effect, ...value } = form.data;
		const result = await addFactor(db, {
			principal: viewer.principal,
			value: { organisationId, ...value },
			kind: factorKind,
			explanation,
			estimatedEffect: effect
		});
		return finishExchangeWrite(result, event.url, 'factor-add', 'factor_added', {
			factorKind,
			explanation,
			effect,
			...valueValues(value)
		});
	}
	const form = await readExchangeForm(
		event,
		factorRemoveSchema,
		(raw) => `factor-remove-${raw.factorId ?? ''}`
	);
	if (!form.ok) return form.failure;
	const result = await removeFactor(db, {
		principal: viewer.principal,
		organisationId,
		factorId: form.data.factorId
	});
	return finishExchangeWrite(
		result,
		event.url,
		`factor-remove-${form.data.factorId}`,
		'factor_removed'
	);
}
