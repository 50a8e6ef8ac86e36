import { z } from 'zod';
import { text } from './text';
import { columnTargets } from '$lib/domain/delivery/columns';

/** The import upload's fields besides the file: how numbers in the file are written. */
export const importUploadSchema = z.object({
	numberFormat: z.enum(['auto', 'de', 'en']).catch('auto')
});

/** The kept upload a mapping, commit or discard refers to. */
export const importUploadIdSchema = z.object({ upload: text().regex(/^[0-9a-f]{32}$/) });

/** One file column's meaning as chosen in the mapping step; anything else means "ignore". */
export const importColumnChoice = z
	.enum(columnTargets as [string, ...string[]])
	.nullable()
	.catch(null);

/** `?imported=new.changed.unchanged` after a commit. */
export const importDoneQuery = text()
	.regex(/^\d+\.\d+\.\d+$/)
	.transform((s) => s.split('.'));
