/** Kinds of a note in the experience exchange: a plain comment or a lesson learned. */
export const noteKinds = ['comment', 'lesson'] as const;
export type NoteKind = (typeof noteKinds)[number];

/** What may have moved a value besides the city's own performance (recorded with the value). */
export const factorKinds = [
	'outsourcing',
	'case_mix',
	'one_off',
	'staffing',
	'legal_change',
	'it_change',
	'other'
] as const;
export type FactorKind = (typeof factorKinds)[number];

/** Limits shared by the forms (zod) and the database (check constraints). */
export const noteBodyMax = 4000;
export const factorExplanationMax = 500;
export const factorEffectMax = 200;
