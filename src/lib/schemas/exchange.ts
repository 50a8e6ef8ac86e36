import { z } from 'zod';
import { text } from './text';
import {
	factorEffectMax,
	factorExplanationMax,
	factorKinds,
	noteBodyMax,
	noteKinds
} from '$lib/domain/exchange/kinds';

/** Form fields of the experience exchange; plain forms, read with `Object.fromEntries(formData)`. */

const id = z.coerce.number().int().positive().max(2_147_483_647);

export const noteAddSchema = z.object({
	kind: z.enum(noteKinds),
	body: text().trim().min(1).max(noteBodyMax)
});

export const noteEditSchema = noteAddSchema.extend({
	noteId: id,
	version: z.coerce.number().int().positive().max(2_147_483_647)
});

export const noteDeleteSchema = z.object({ noteId: id });

/** The value a note or factor belongs to; the city comes from the URL. */
export const valueRefSchema = z.object({
	kpiId: id,
	year: z.coerce.number().int().min(2000).max(2100),
	quarter: z.coerce.number().int().min(1).max(4)
});

export const valueNoteAddSchema = noteAddSchema.extend(valueRefSchema.shape);

export const factorAddSchema = valueRefSchema.extend({
	factorKind: z.enum(factorKinds),
	explanation: text().trim().min(1).max(factorExplanationMax),
	effect: text().trim().max(factorEffectMax).default('')
});

export const factorRemoveSchema = z.object({ factorId: id });
