import type { Principal } from '../auth/permissions';
import { decideDeleteNote, decideEditNote, type ValueRef } from './policy';
import type { NoteRow } from './queries';

/** A note as the page shows it, with what this person may do with it. */
export type NoteView = NoteRow & { mayEdit: boolean; mayDelete: boolean };

export function noteViews(
	principal: Principal,
	notes: NoteRow[],
	value: ValueRef | null
): NoteView[] {
	return notes.map((note) => ({
		...note,
		mayEdit: decideEditNote(principal, note, value).ok,
		mayDelete: decideDeleteNote(principal, note, value).ok
	}));
}
