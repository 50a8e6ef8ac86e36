/**
 * The one shape of a message that concerns a whole form rather than one field (decision 23): a
 * confirmation after a save, or a refusal such as a conflict. Field problems stay in the
 * superforms `errors` next to their field.
 */
export interface FormNotice {
	kind: 'success' | 'error';
	text: string;
}

/** A refusal or a request to check the form, shown above it as an alert. */
export const errorNotice = (text: string): FormNotice => ({ kind: 'error', text });

/** A confirmation, shown above the form as a status. */
export const successNotice = (text: string): FormNotice => ({ kind: 'success', text });
