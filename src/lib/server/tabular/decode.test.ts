import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, fileKind } from './decode';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 for the Latin-1 range (enough for German umlauts and ß). */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const withBom = (bytes: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);

const german =
	'Stadt;Handlungsfeld;Kennzahl;Bezeichnung;Jahr;Quartal;Wert;Kommentar\r\n' +
	'koeln;archivierung;ARCH-DIGITAL;Digitalisate;2026;3;1.234,5;"Umzug; Magazin"\r\n' +
	'Köln;;ARCH-ERSCHL;Erschließung;2026;Q3;78,4 %;Prüfung läuft\r\n';

describe('decoding uploads', () => {
	it('reads UTF-8 with and without BOM and Windows-1252 alike', () => {
		const plain = decodeText(utf8(german));
		const bom = decodeText(withBom(utf8(german)));
		const ansi = decodeText(cp1252(german));
		expect(plain).toMatchObject({ ok: true, encoding: 'utf-8' });
		expect(bom).toMatchObject({ ok: true, encoding: 'utf-8-bom' });
		expect(ansi).toMatchObject({ ok: true, encoding: 'windows-1252' });
		const texts = [plain, bom, ansi].map((d) => (d.ok ? d.text : ''));
		expect(new Set(texts).size).toBe(1);
		expect(texts[0]).toContain('Köln');
	});

	it('reads UTF-16 with BOM (Excel "Unicode text"), little and big endian', () => {
		const text = 'Kennzahl\tWert\r\nARCH-DIGITAL\t5\r\n';
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		[...text].forEach((c, i) => {
			bytes[2 + i * 2] = c.charCodeAt(0);
		});
		expect(decodeText(bytes)).toMatchObject({ ok: true, encoding: 'utf-16le', text });
		const big = new Uint8Array(iconv.encode(`\uFEFF${text}Köln €`, 'utf16be'));
		expect(decodeText(big)).toMatchObject({
			ok: true,
			encoding: 'utf-16be',
			text: `${text}Köln €`
		});
	});

	it('refuses binary junk and recognises spreadsheets by their signature', () => {
		const junk = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256);
		expect(decodeText(junk)).toEqual({ ok: false });
		expect(fileKind(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe('xlsx');
		expect(fileKind(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('xls');
	});

	// € „ “ – … are the bytes 0x80–0x9F, which a Latin-1 reading turns into control characters.
	const ansi =
		'Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
		'BH-KOSTEN-EW;2026;3;3,99 €;„Stichprobe“ – vorläufig … Straße\r\n';
	const ansiBytes = new Uint8Array(iconv.encode(ansi, 'win1252'));

	it('decodes € „ “ – … ß instead of refusing the file as binary', () => {
		expect([...ansiBytes]).toEqual(expect.arrayContaining([0x80, 0x84, 0x93, 0x96, 0x85, 0xdf]));
		expect(decodeText(ansiBytes)).toEqual({ ok: true, encoding: 'windows-1252', text: ansi });
	});
});
