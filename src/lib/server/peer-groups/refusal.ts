import { m } from '../../paraglide/messages';
import type { SaveRefusal } from './peer-groups';

/** Where a refused save is explained in the form, and in which words. */
export function refusalField(reason: SaveRefusal): {
	field: 'slug' | 'members._errors' | '';
	message: string;
} {
	switch (reason) {
		case 'slug_taken':
			return { field: 'slug', message: m.peer_group_slug_taken() };
		case 'unknown_member':
			return { field: 'members._errors', message: m.peer_group_unknown_member() };
		case 'stale':
			return { field: '', message: m.peer_group_stale() };
		case 'not_found':
			return { field: '', message: m.peer_group_not_found() };
	}
}
