import type { RequestEvent } from '@sveltejs/kit';
import { fieldOf } from '../catalogue/route';
import { appDb } from '../db';
import type { requireUser } from '../auth/guards';
import type { Db } from '../db/types';
import { pilotIdOf } from '../pilots/route';
import { noteAddSchema, noteDeleteSchema, noteEditSchema } from '$lib/schemas/exchange';
import { finishExchangeWrite, readExchangeForm } from './form';
import { noteViews } from './page';
import { loadPilotNotes } from './queries';
import { addNote, deleteNote, editNote } from './write';

/** Which note's form failed, even when its fields did not parse. */
export const editFormId = (raw: Record<string, string>) => `note-edit-${raw.noteId ?? ''}`;
export const deleteFormId = (raw: Record<string, string>) => `note-delete-${raw.noteId ?? ''}`;

type UserViewer = ReturnType<typeof requireUser>;
type Event = Pick<RequestEvent, 'request' | 'url' | 'route'> & {
	params: { field: string; id: string };
};

/** The pilot's thread for its page: one query. Everyone logged in reads and writes it. */
export async function pilotExchange(db: Db, viewer: UserViewer, pilotId: number) {
	return { notes: noteViews(viewer.principal, await loadPilotNotes(db, pilotId), null) };
}

/**
 * The note actions of the pilot page (after the route's guard checked `exchange:write`). The pilot must be in the field
 * of the URL; who may edit or delete is the policy's decision inside the write.
 */
export async function pilotNoteAction(
	event: Event,
	viewer: UserViewer,
	action: 'add' | 'edit' | 'delete'
) {
	const db = appDb();
	const field = await fieldOf(db, event.params.field);
	const pilotId = pilotIdOf(event.params.id);
	const { principal } = viewer;
	if (action === 'add') {
		const form = await readExchangeForm(event, noteAddSchema, 'note-add');
		if (!form.ok) return form.failure;
		const result = await addNote(db, {
			principal,
			target: { pilotId, fieldId: field.id },
			...form.data
		});
		return finishExchangeWrite(result, event.url, 'note-add', 'added', form.data);
	}
	if (action === 'edit') {
		const form = await readExchangeForm(event, noteEditSchema, editFormId);
		if (!form.ok) return form.failure;
		const formId = `note-edit-${form.data.noteId}`;
		const result = await editNote(db, { principal, scope: { pilotId }, ...form.data });
		return finishExchangeWrite(result, event.url, formId, 'saved', {
			kind: form.data.kind,
			body: form.data.body
		});
	}
	const form = await readExchangeForm(event, noteDeleteSchema, deleteFormId);
	if (!form.ok) return form.failure;
	const result = await deleteNote(db, { principal, scope: { pilotId }, ...form.data });
	return finishExchangeWrite(result, event.url, `note-delete-${form.data.noteId}`, 'deleted');
}
