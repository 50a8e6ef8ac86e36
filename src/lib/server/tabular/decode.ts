/**
 * What kind of file an upload is and its text. Controllers save CSV from Excel in whatever
 * encoding their Windows has: UTF-8 with or without BOM, Windows-1252 ("ANSI"), or UTF-16
 * ("Unicode-Text"). Text that is valid UTF-8 is UTF-8; otherwise it is read as Windows-1252,
 * which can decode any byte — so binary junk is caught afterwards by its control characters.
 *
 * Everything but UTF-8 is decoded by iconv-lite, not by the runtime's TextDecoder: Node's
 * 'windows-1252' depends on its ICU build, and Node 20 here maps 0x80–0x9F (€ „ “ – …) to
 * control characters, which turned German Excel files into "not a table".
 */
import iconv from 'iconv-lite';

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

const decodeWith = (bytes: Uint8Array, encoding: 'utf16le' | 'utf16be' | 'win1252') =>
	iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {
		stripBOM: false
	});

function decodeBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
	}
	if (startsWith(bytes, [0xff, 0xfe])) {
		return { text: decodeWith(bytes.subarray(2), 'utf16le'), encoding: 'utf-16le' };
	}
	if (startsWith(bytes, [0xfe, 0xff])) {
		return { text: decodeWith(bytes.subarray(2), 'utf16be'), encoding: 'utf-16be' };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: decodeWith(bytes, 'win1252'), encoding: 'windows-1252' };
	}
}

/**
 * Control characters other than tab and line breaks (C0, DEL, C1) and U+FFFD, which stands for
 * the five bytes Windows-1252 leaves undefined. A NUL or more than one in a thousand
 * characters: not text.
 */
function looksBinary(text: string): boolean {
	let controls = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0) return true;
		if (
			(c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
			(c >= 0x7f && c <= 0x9f) ||
			c === 0xfffd
		)
			controls++;
	}
	return controls > Math.max(2, text.length / 1000);
}

/** The text of a CSV upload, or not ok when the bytes are no text in any of the encodings. */
export function decodeText(bytes: Uint8Array): Decoded {
	const decoded = decodeBytes(bytes);
	return looksBinary(decoded.text) ? { ok: false } : { ok: true, ...decoded };
}
