import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Briefing } from '../../domain/briefing/types';
import { briefingDocument } from './pdf-document';
import { briefingText } from './text';

/** pdfmake's own Roboto (Latin incl. umlauts, €, –), read from the package on disk. */
const fontDir = join(
	dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
	'fonts',
	'Roboto'
);

let configured = false;

/**
 * The server may read the four font files and nothing else, and fetch no URL: a briefing holds
 * only what the code put into it (no images or fonts named by data).
 */
function configure() {
	if (configured) return;
	pdfmake.setFonts({
		Roboto: {
			normal: join(fontDir, 'Roboto-Regular.ttf'),
			bold: join(fontDir, 'Roboto-Medium.ttf'),
			italics: join(fontDir, 'Roboto-Italic.ttf'),
			bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf')
		}
	});
	pdfmake.setUrlAccessPolicy(() => false);
	pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
	configured = true;
}

/** The briefing as PDF bytes, in the language of `locale`. */
export async function briefingPdf(b: Briefing, locale: 'de' | 'en'): Promise<Buffer> {
	configure();
	const doc = pdfmake.createPdf(briefingDocument(b, briefingText(locale)));
	return (await doc.getBuffer()) as Buffer;
}
