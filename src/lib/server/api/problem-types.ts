import { isApiErrorCode, problemType, problemTypes } from './errors';

/**
 * The description a problem `type` URI resolves to (RFC 9457 §3.1.1: "when dereferenced, it
 * SHOULD provide human-readable documentation"): its code, status and title, and where the
 * whole list is. Built from the same table the error answers use.
 */
export function describeProblemType(code: string) {
	if (!isApiErrorCode(code)) return null;
	const { status, title } = problemTypes[code];
	return {
		type: problemType(code),
		code,
		status,
		title: title(),
		documentation: '/api/v1/openapi.json'
	};
}
