/**
 * The one shape of a message that concerns a whole form rather than one field (decision 23): a
 * confirmation after a save, or a refusal such as a conflict. Field problems stay in the
 * superforms `errors` next to their field.
 */
export interface FormNotice {
	kind: 'success' | 'error';
	text: string;
}
