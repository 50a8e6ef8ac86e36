import type { z } from 'zod';
import type { lineSchema, updateLineSchema } from '$lib/schemas/pilots';

/** The yearly-line forms' data, as the schemas define it (one source for all three components). */
export type LineFormData = z.infer<ReturnType<typeof lineSchema>>;
export type LineEditData = z.infer<ReturnType<typeof updateLineSchema>>;
