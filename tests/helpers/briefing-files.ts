import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

/** The text of a PDF as pdftotext (poppler) reads it, page by page (split on form feeds). */
export function pdfPages(pdf: Uint8Array, options: { layout?: boolean } = {}): string[] {
	const dir = mkdtempSync(join(tmpdir(), 'briefing-'));
	try {
		const file = join(dir, 'briefing.pdf');
		writeFileSync(file, pdf);
		const text = execFileSync(
			'pdftotext',
			[...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'],
			{ encoding: 'utf8' }
		);
		return text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Each page's text on its own, as `pdftotext -layout -f N -l N` reads it: page 1 first. */
export function pdfPagesOneByOne(pdf: Uint8Array): string[] {
	const dir = mkdtempSync(join(tmpdir(), 'briefing-'));
	try {
		const file = join(dir, 'briefing.pdf');
		writeFileSync(file, pdf);
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
		return Array.from({ length: count }, (_, i) =>
			execFileSync(
				'pdftotext',
				['-layout', '-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), file, '-'],
				{ encoding: 'utf8' }
			)
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Page sizes in points as pdfinfo reports them, e.g. [[595, 842], [842, 595], …]. */
export function pdfPageSizes(pdf: Uint8Array): [number, number][] {
	const dir = mkdtempSync(join(tmpdir(), 'briefing-'));
	try {
		const file = join(dir, 'briefing.pdf');
		writeFileSync(file, pdf);
		const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
		return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((x) => [
			Math.round(Number(x[1])),
			Math.round(Number(x[2]))
		]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Every XML part of a PPTX (slides, charts, their embedded data), by path inside the zip. */
export async function pptxParts(pptx: Uint8Array): Promise<Map<string, string>> {
	const zip = await JSZip.loadAsync(pptx);
	const parts = new Map<string, string>();
	for (const [path, entry] of Object.entries(zip.files))
		if (!entry.dir && path.endsWith('.xml')) parts.set(path, await entry.async('string'));
	return parts;
}
