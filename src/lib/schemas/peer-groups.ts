import { z } from 'zod';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

/** A comparison group as the administration edits it; members are organisation ids. */
export const peerGroupSchema = z.object({
	slug: text()
		.trim()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: () => m.peer_group_slug_invalid() })
		.max(60, { error: () => m.peer_group_slug_invalid() }),
	nameDe: text()
		.trim()
		.min(1, { error: () => m.peer_group_name_required() })
		.max(100, { error: () => m.peer_group_name_too_long() }),
	nameEn: text()
		.trim()
		.min(1, { error: () => m.peer_group_name_required() })
		.max(100, { error: () => m.peer_group_name_too_long() }),
	members: z
		.array(z.int32().positive())
		.min(2, { error: () => m.peer_group_members_too_few() })
		.max(500),
	/** The version the form was read at (0 for a new group): concurrent edits are refused. */
	version: z.int32().min(0).default(0)
});
export type PeerGroupInput = z.infer<typeof peerGroupSchema>;

/** Deleting a comparison group: the version the page showed, so a concurrent edit is refused. */
export const deletePeerGroupSchema = z.object({ version: z.int32().min(0) });
