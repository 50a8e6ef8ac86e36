/**
 * What kind of file an upload is and its text. Controllers save CSV from Excel in whatever
 * encoding their Windows has: UTF-8 with or without BOM, Windows-1252 ("ANSI"), or UTF-16
 * ("Unicode-Text"). Text that is valid UTF-8 is UTF-8; otherwise it is read as Windows-1252,
 * which can decode any byte — so binary junk is caught afterwards by its control characters.
 */

/** Uploads above this size are refused before they are read (20 MB: ~300,000 CSV rows). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type FileKind = 'xlsx' | 'xls' | 'text';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Decoded = { ok: true; text: string; encoding: TextEncoding } | { ok: false };

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** XLSX is a ZIP archive; the old binary .xls a Compound File. Anything else is read as text. */
export function fileKind(bytes: Uint8Array): FileKind {
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
	return 'text';
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
	}
	if (startsWith(bytes, [0xff, 0xfe])) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	if (startsWith(bytes, [0xfe, 0xff])) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

/**
 * Control characters other than tab and line breaks (C0, DEL and the C1 range that
 * Windows-1252 leaves undefined). A NUL or more than one in a thousand characters: not text.
 */
function looksBinary(text: string): boolean {
	let controls = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0) return true;
		if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f))
			controls++;
	}
	return controls > Math.max(2, text.length / 1000);
}

/** The text of a CSV upload, or not ok when the bytes are no text in any of the encodings. */
export function decodeText(bytes: Uint8Array): Decoded {
	const decoded = decodeBytes(bytes);
	return looksBinary(decoded.text) ? { ok: false } : { ok: true, ...decoded };
}
