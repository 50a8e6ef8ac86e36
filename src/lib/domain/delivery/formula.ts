/**
 * Text that Excel would run as a formula (CSV injection) gets a leading apostrophe on export;
 * an import takes it off again, so a round trip keeps the text.
 */
const formulaStart = /^[=+\-@\t\r]/;
/** Protects a text cell from being run as a formula by Excel (CSV injection). */
export const guardFormula = (text: string) => (formulaStart.test(text) ? `'${text}` : text);
/** Undoes `guardFormula` on import. */
export const unguardFormula = (text: string) =>
	text.startsWith("'") && formulaStart.test(text.slice(1)) ? text.slice(1) : text;
