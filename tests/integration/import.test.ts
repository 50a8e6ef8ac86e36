import { and, desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	auditLog,
	importMappings,
	kpis,
	measurements,
	pendingImports
} from '../../src/lib/server/db/schema';
import type { DatabaseHandle } from '../../src/lib/server/db/types';
import { findScorecard, type ScorecardHeader } from '../../src/lib/server/scorecards/queries';
import {
	applyMapping,
	commitUpload,
	receiveUpload,
	type ImportScope
} from '../../src/lib/server/import-export/process';
import { loadUpload, removeStaleUploads } from '../../src/lib/server/import-export/uploads';
import { uploadView } from '../../src/lib/server/import-export/view';
import { loadExportRows } from '../../src/lib/server/import-export/export-rows';
import { exportCsv, exportXlsx, type ExportLabels } from '../../src/lib/server/tabular/export-file';
import { mappingFromChoices } from '../../src/lib/domain/delivery/columns';
import {
	createCity,
	createScorecard,
	createUserWithRoles,
	createValues,
	fieldBySlug
} from '../helpers/factories';
import { createPeriod } from '../helpers/factory-periods';
import { createTestDatabase } from '../helpers/test-database';

const labels: ExportLabels = { unit: (u) => u, state: (s) => s };
const utf8 = (text: string) => new TextEncoder().encode(text);
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const all = ['draft', 'submitted', 'released'] as const;

describe('file import and export', () => {
	let handle: DatabaseHandle;
	let header: ScorecardHeader;
	let scope: ImportScope;
	let otherCity: number;
	/** Archive KPIs in scorecard order; four released quarters to 2026-Q2, Q3/2026 drafts. */
	const archive = {
		'ARCH-ERSCHL': [76, 76.5, 77, 78, 78.5],
		'ARCH-DIGITAL': [197_000, 198_000, 198_500, 199_000, 199_500],
		'ARCH-MAGAZIN': [88, 88, 89, 89, 90],
		'ARCH-FACHQUAL': [55, 56, 56, 58, 57]
	};
	const released = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'];
	beforeAll(async () => {
		handle = await createTestDatabase({ seed: 'reference' });
		const db = handle.db;
		const city = await createCity(db, { name: 'Weststadt', slug: 'weststadt', ags: '05999001' });
		otherCity = (await createCity(db, { name: 'Oststadt', slug: 'oststadt' })).id;
		const organisationId = city.id;
		const card = await createScorecard(db, {
			organisationId,
			field: 'archivierung',
			kpis: Object.keys(archive).map((code) => ({ code }))
		});
		for (const [code, values] of Object.entries(archive)) {
			const kpiId = card.kpiIds.get(code)!;
			await createValues(db, {
				organisationId,
				kpiId,
				values: Object.fromEntries(released.map((q, i) => [q, values[i]!]))
			});
			await createValues(db, {
				organisationId,
				kpiId,
				values: { '2026-Q3': values[4]! },
				state: 'draft'
			});
		}
		// D115: the cost per call (euro, two decimals) a draft of the open quarter.
		const d115 = await createScorecard(db, {
			organisationId,
			field: 'service-center-d115',
			kpis: [{ code: 'D115-KOST-ANRUF' }]
		});
		await createValues(db, {
			organisationId,
			kpiId: d115.kpiIds.get('D115-KOST-ANRUF')!,
			values: { '2026-Q3': 4.1 },
			state: 'draft'
		});
		// Q2/2025 to Q2/2026 closed, Q3/2026 open; earlier quarters were never opened.
		const closedAt = new Date('2026-08-15T08:00:00Z');
		for (const q of [
			[2025, 2],
			[2025, 3],
			[2025, 4],
			[2026, 1],
			[2026, 2]
		] as const)
			await createPeriod(db, { fieldId: card.fieldId, year: q[0], quarter: q[1], closedAt });
		await createPeriod(db, { fieldId: card.fieldId, year: 2026, quarter: 3 });
		await createPeriod(db, { fieldId: d115.fieldId, year: 2026, quarter: 3 });

		header = (await findScorecard(db, 'weststadt', 'archivierung'))!;
		const user = await createUserWithRoles(db, [{ role: 'controller', organisationId }]);
		scope = {
			userId: user.id,
			organisationId: header.organisation.id,
			fieldId: header.field.id,
			citySlug: 'weststadt',
			fieldSlug: 'archivierung',
			locale: 'de'
		};
	}, 120_000);
	afterAll(async () => {
		await handle.close();
	});

	const total = async () =>
		Number((await handle.db.select({ n: sql<number>`count(*)` }).from(measurements))[0]!.n);
	const stored = async (code: string, year = 2026, quarter = 3) => {
		const [row] = await handle.db
			.select({ value: measurements.value, comment: measurements.comment })
			.from(measurements)
			.innerJoin(kpis, eq(kpis.id, measurements.kpiId))
			.where(
				and(
					eq(measurements.organisationId, header.organisation.id),
					eq(kpis.code, code),
					eq(measurements.year, year),
					eq(measurements.quarter, quarter)
				)
			);
		return row ? { value: Number(row.value), comment: row.comment } : null;
	};
	const receive = (
		bytes: Uint8Array,
		name = 'werte.csv',
		numberFormat: 'auto' | 'de' | 'en' = 'auto'
	) => receiveUpload(handle.db, scope, { name, bytes }, numberFormat);
	/** Receives a file and expects a dry run; returns the record. */
	const dryRun = async (bytes: Uint8Array, name?: string) => {
		const received = await receive(bytes, name);
		expect(received.ok).toBe(true);
		if (!received.ok) throw new Error('no dry run');
		return received.record;
	};
	const errorsOf = (record: {
		plan: { outcomes: { line: number; error?: { message: string } }[] } | null;
	}) => record.plan!.outcomes.filter((o) => o.error).map((o) => [o.line, o.error!.message]);

	it('imports a German Excel CSV in Windows-1252 after a dry run, all rows at once', async () => {
		const file =
			'Stadt;Handlungsfeld;Kennzahl;Bezeichnung;Jahr;Quartal;Wert;Kommentar\r\n' +
			'Weststadt;Archivierung;ARCH-DIGITAL;Digitalisate;2026;3;200.100;Nachträge aus dem Außenmagazin\r\n' +
			'05999001;;ARCH-ERSCHL;;2026;Q3;78,9 %;geprüft\r\n';
		// Archive 4 × 5 and D115 1.
		expect(await total()).toBe(21);
		const record = await dryRun(cp1252(file));
		expect(record.facts).toMatchObject({
			encoding: 'windows-1252',
			delimiter: ';',
			numberLocale: 'de'
		});
		expect(record.plan!.counts).toEqual({ new: 0, changed: 2, unchanged: 0, error: 0 });
		expect(await total()).toBe(21);
		const done = await commitUpload(handle.db, scope, record);
		expect(done.ok).toBe(true);
		expect(await stored('ARCH-DIGITAL')).toEqual({
			value: 200100,
			comment: 'Nachträge aus dem Außenmagazin'
		});
		expect((await stored('ARCH-ERSCHL'))!.value).toBe(78.9);
		// The kept file is gone after the import.
		expect(await loadUpload(handle.db, record.id, scope)).toBeNull();
	});

	it('re-imports its own export with zero changes: German CSV, English CSV and XLSX', async () => {
		const rows = await loadExportRows(handle.db, header, [...all], {
			quarter: null,
			template: false,
			locale: 'de'
		});
		// Five quarters of each of the four archive KPIs, with the values stored above (the first
		// test changed two of Q3/2026).
		const keyOf = (code: string, year: number, quarter: number) => `${code} ${year}-Q${quarter}`;
		expect(rows.map((r) => [keyOf(r.kpi, r.year, r.quarter), r.value, r.state]).sort()).toEqual(
			Object.entries(archive)
				.flatMap(([code, values]) => [
					...released.map((q, i) => [`${code} ${q}`, values[i], 'released']),
					[
						`${code} 2026-Q3`,
						{ 'ARCH-DIGITAL': 200_100, 'ARCH-ERSCHL': 78.9 }[code] ?? values[4],
						'draft'
					]
				])
				.sort()
		);
		// A comment Excel would run as a formula survives the round trip.
		await handle.db.execute(
			sql`update measurements set comment = '=HYPERLINK("x")' where organisation_id = ${header.organisation.id}
				and year = 2026 and quarter = 3 and kpi_id = (select id from kpis where code = 'ARCH-MAGAZIN')`
		);
		const fresh = await loadExportRows(handle.db, header, [...all], {
			quarter: null,
			template: false,
			locale: 'de'
		});
		const german = exportCsv(fresh, 'de', labels);
		expect(german.startsWith('\uFEFFStadt;Handlungsfeld;Kennzahl')).toBe(true);
		expect(german).toContain('\r\n');
		expect(german).toContain(`"'=HYPERLINK(""x"")"`);
		const english = exportCsv(fresh, 'en', labels);
		const xlsx = await exportXlsx(fresh, 'en', labels, 'Werte');
		for (const [bytes, name] of [
			[utf8(german), 'werte.csv'],
			[utf8(english), 'values.csv'],
			[xlsx, 'values.xlsx']
		] as const) {
			const record = await dryRun(bytes, name);
			expect(record.plan!.counts).toEqual({
				new: 0,
				changed: 0,
				unchanged: fresh.length,
				error: 0
			});
		}
	});

	it('offers a template of the quarter that re-imports unchanged as it is', async () => {
		const rows = await loadExportRows(handle.db, header, [...all], {
			quarter: { year: 2026, quarter: 3 },
			template: true,
			locale: 'de'
		});
		expect(rows.map((r) => [r.kpi, r.year, r.quarter])).toEqual([
			['ARCH-ERSCHL', 2026, 3],
			['ARCH-DIGITAL', 2026, 3],
			['ARCH-MAGAZIN', 2026, 3],
			['ARCH-FACHQUAL', 2026, 3]
		]);
		const record = await dryRun(await exportXlsx(rows, 'de', labels, 'Vorlage'), 'vorlage.xlsx');
		expect(record.plan!.counts).toEqual({ new: 0, changed: 0, unchanged: 4, error: 0 });
	});

	it('exports only released values to people outside the city', async () => {
		const released = await loadExportRows(handle.db, header, ['released'], {
			quarter: { year: 2026, quarter: 3 },
			template: false,
			locale: 'de'
		});
		// The archive quarter 2026-Q3 is still in draft; 2026-Q2 is released.
		expect(released).toEqual([]);
		const earlier = await loadExportRows(handle.db, header, ['released'], {
			quarter: { year: 2026, quarter: 2 },
			template: false,
			locale: 'de'
		});
		expect(earlier.map((r) => r.kpi)).toEqual([
			'ARCH-ERSCHL',
			'ARCH-DIGITAL',
			'ARCH-MAGAZIN',
			'ARCH-FACHQUAL'
		]);
	});

	describe('bad files: a clear message and nothing written', () => {
		let before: number;
		beforeAll(async () => {
			before = await total();
		});
		afterAll(async () => {
			expect(await total()).toBe(before);
		});

		it('refuses binary junk, an empty file, the old .xls format and a 50 MB file', async () => {
			const junk = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256);
			expect(await receive(junk)).toEqual({ ok: false, problems: [{ problem: 'binary' }] });
			expect(await receive(new Uint8Array())).toEqual({
				ok: false,
				problems: [{ problem: 'empty' }]
			});
			const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
			expect(await receive(xls, 'alt.xls')).toEqual({
				ok: false,
				problems: [{ problem: 'xls_unsupported' }]
			});
			const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
			expect(await receive(big)).toEqual({
				ok: false,
				problems: [{ problem: 'too_large', maxBytes: 20 * 1024 * 1024 }]
			});
		});

		it('asks to map unknown or missing columns and remembers the choice for the city', async () => {
			const file = 'Indikator;Jahr;Periode;Ist;Farbe\r\nARCH-DIGITAL;2026;3;200200;grün\r\n';
			const received = await receive(utf8(file));
			expect(received.ok).toBe(true);
			if (!received.ok) return;
			expect(received.record.plan).toBeNull();
			expect(received.record.problems).toEqual([
				{ problem: 'unknown_columns', columns: ['Indikator', 'Periode', 'Farbe'] },
				{ problem: 'missing_columns', columns: ['kpi', 'quarter'] }
			]);
			const header = received.record.facts!.header;
			const mapped = await applyMapping(
				handle.db,
				scope,
				received.record,
				mappingFromChoices(header, ['kpi', null, 'quarter', null, 'ignore'])
			);
			expect(mapped.problems).toEqual([]);
			expect(mapped.plan!.counts).toMatchObject({ changed: 1 });
			const [saved] = await handle.db
				.select()
				.from(importMappings)
				.where(eq(importMappings.organisationId, scope.organisationId));
			expect(saved!.mapping).toMatchObject({
				indikator: 'kpi',
				periode: 'quarter',
				farbe: 'ignore'
			});
			// The next file with these headers is understood at once.
			const next = await dryRun(utf8(file));
			expect(next.problems).toEqual([]);
		});

		it('names each bad row: unknown KPI, text in a number, duplicate, other city, closed quarter', async () => {
			const file =
				'Stadt;Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
				'weststadt;ARCH-GIBTSNICHT;2026;3;1;\r\n' +
				'weststadt;ARCH-DIGITAL;2026;3;zwölf;\r\n' +
				'weststadt;ARCH-FACHQUAL;2026;3;60;x\r\n' +
				'weststadt;ARCH-FACHQUAL;2026;3;61;x\r\n' +
				'oststadt;ARCH-FACHQUAL;2026;3;60;\r\n' +
				'weststadt;ARCH-FACHQUAL;2025;2;1;x\r\n' +
				'weststadt;ARCH-FACHQUAL;2026;3,5;1;x\r\n';
			const record = await dryRun(utf8(file));
			expect(errorsOf(record)).toEqual([
				[2, 'Unbekannter Kennzahl-Code „ARCH-GIBTSNICHT“.'],
				[3, '„zwölf“ ist keine Zahl.'],
				[5, 'Dieselbe Kennzahl und dasselbe Quartal stehen schon in Zeile 4.'],
				[6, 'Zeile für oststadt: Sie können nur Werte Ihrer eigenen Stadt liefern.'],
				[7, 'Q2/2025 ist geschlossen; Änderungen nur nach Wiedereröffnung durch die Feldleitung.'],
				[8, 'Ungültiges Quartal: Jahr „2026“, Quartal „3,5“ (Jahr 2000–2100, Quartal 1–4).']
			]);
			const result = await commitUpload(handle.db, scope, record);
			expect(result.ok).toBe(false);
		});

		it('refuses a value with more decimals than the KPI keeps, instead of showing it rounded', async () => {
			const file =
				'Stadt;Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
				'weststadt;ARCH-MAGAZIN;2026;3;89,5;\r\n' +
				'weststadt;ARCH-ERSCHL;2026;3;78,95 %;geprüft\r\n' +
				'weststadt;ARCH-FACHQUAL;2026;3;61,0;geprüft\r\n';
			const record = await dryRun(utf8(file));
			expect(errorsOf(record)).toEqual([
				[
					2,
					'„89,5“ hat Nachkommastellen; diese Kennzahl wird ohne Nachkommastellen geführt. Bitte runden Sie den Wert selbst.'
				],
				[
					3,
					'„78,95 %“ hat zu viele Nachkommastellen; diese Kennzahl wird mit 1 Nachkommastelle geführt. Bitte runden Sie den Wert selbst.'
				]
			]);
			expect((await commitUpload(handle.db, scope, record)).ok).toBe(false);
		});

		it('reads comma files with decimal points and semicolon files with decimal commas', async () => {
			const english = await dryRun(utf8('KPI,Year,Quarter,Value\r\nARCH-ERSCHL,2026,3,"78,9"\r\n'));
			expect(errorsOf(english)).toEqual([[2, '„78,9“ ist keine Zahl.']]);
			const german = await dryRun(
				utf8('Kennzahl;Jahr;Quartal;Wert\r\nARCH-ERSCHL;2026;3;78.9\r\n')
			);
			expect(errorsOf(german)).toEqual([[2, '„78.9“ ist keine Zahl.']]);
			// The user can say how the numbers are written.
			const chosen = await receive(
				utf8('Kennzahl;Jahr;Quartal;Wert\r\nARCH-ERSCHL;2026;3;79.5\r\n'),
				'werte.csv',
				'en'
			);
			expect(chosen.ok && chosen.record.plan!.outcomes[0]).toMatchObject({
				kind: 'changed',
				after: { value: 79.5 }
			});
		});

		it('refuses a commit when someone changed the values after the dry run', async () => {
			const record = await dryRun(
				utf8('Kennzahl;Jahr;Quartal;Wert\r\nARCH-FACHQUAL;2026;3;57\r\n')
			);
			await handle.db.execute(
				sql`update measurements set value = 56 where organisation_id = ${scope.organisationId}
					and year = 2026 and quarter = 3 and kpi_id = (select id from kpis where code = 'ARCH-FACHQUAL')`
			);
			const result = await commitUpload(handle.db, scope, record);
			expect(result).toMatchObject({ ok: false, stale: true });
			expect((await stored('ARCH-FACHQUAL'))!.value).toBe(56);
		});
	});

	it('imports € „ “ – … ß from a Windows-1252 file as written', async () => {
		// The city's D115 cost per call (euro, two decimals), a draft of the open quarter.
		const d115 = (await findScorecard(handle.db, 'weststadt', 'service-center-d115'))!;
		const file =
			'Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
			'D115-KOST-ANRUF;2026;3;3,99 €;„Stichprobe“ – vorläufig … Straße\r\n';
		const d115Scope = { ...scope, fieldId: d115.field.id, fieldSlug: 'service-center-d115' };
		const received = await receiveUpload(
			handle.db,
			d115Scope,
			{ name: 'kosten.csv', bytes: new Uint8Array(iconv.encode(file, 'win1252')) },
			'auto'
		);
		expect(received.ok).toBe(true);
		if (!received.ok) return;
		expect(received.record.facts).toMatchObject({ encoding: 'windows-1252' });
		expect(errorsOf(received.record)).toEqual([]);
		expect(received.record.plan!.outcomes[0]).toMatchObject({
			kind: 'changed',
			after: { value: 3.99, comment: '„Stichprobe“ – vorläufig … Straße' }
		});
		expect((await commitUpload(handle.db, d115Scope, received.record)).ok).toBe(true);
		expect(await stored('D115-KOST-ANRUF')).toEqual({
			value: 3.99,
			comment: '„Stichprobe“ – vorläufig … Straße'
		});
	});

	describe('nothing stored is lost to a spreadsheet error or an empty cell', () => {
		const codes = ['ARCH-DIGITAL', 'ARCH-ERSCHL', 'ARCH-MAGAZIN', 'ARCH-FACHQUAL'];
		let kept: Record<string, { value: number; comment: string } | null>;
		beforeAll(async () => {
			await handle.db.execute(
				sql`update measurements set comment = 'vom Fachbereich bestätigt'
					where organisation_id = ${header.organisation.id} and year = 2026 and quarter = 3`
			);
			kept = Object.fromEntries(await Promise.all(codes.map(async (c) => [c, await stored(c)])));
			// What the tests before left: the first import's two values and the 56 written behind a dry run.
			expect(kept).toEqual({
				'ARCH-DIGITAL': { value: 200_100, comment: 'vom Fachbereich bestätigt' },
				'ARCH-ERSCHL': { value: 78.9, comment: 'vom Fachbereich bestätigt' },
				'ARCH-MAGAZIN': { value: 90, comment: 'vom Fachbereich bestätigt' },
				'ARCH-FACHQUAL': { value: 56, comment: 'vom Fachbereich bestätigt' }
			});
		});

		it('refuses formula errors and formulas without a result per row, and deletes nothing', async () => {
			const workbook = new ExcelJS.Workbook();
			const sheet = workbook.addWorksheet('Werte');
			sheet.addRow(['Kennzahl', 'Jahr', 'Quartal', 'Wert', 'Kommentar']);
			sheet.addRow(['ARCH-DIGITAL', 2026, 3, { formula: '1/0', result: { error: '#DIV/0!' } }, '']);
			sheet.addRow(['ARCH-ERSCHL', 2026, 3, { formula: 'D2*2' }, '']);
			sheet.addRow(['ARCH-MAGAZIN', 2026, 3, kept['ARCH-MAGAZIN']!.value, { error: '#N/A' }]);
			const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
			const record = await dryRun(bytes, 'fehler.xlsx');
			expect(record.plan!.counts).toMatchObject({ error: 3, changed: 0 });
			expect(errorsOf(record)).toEqual([
				[
					2,
					'Die Formel in Zelle D2 (Wert, „=1/0“) ergibt einen Fehler wie #DIV/0! oder #NV statt eines Werts. Bitte die Formel in der Datei korrigieren.'
				],
				[
					3,
					'Die Formel in Zelle D3 (Wert, „=D2*2“) hat kein berechnetes Ergebnis: Die Datei wurde nie in einer Tabellenkalkulation berechnet. Bitte in Excel oder LibreOffice öffnen, speichern und erneut hochladen.'
				],
				[4, 'Zelle E4 (Kommentar) enthält den Fehler #N/A statt eines Werts.']
			]);
			expect(await commitUpload(handle.db, scope, record)).toMatchObject({ ok: false });
			for (const code of codes) expect(await stored(code)).toEqual(kept[code]);
		});

		it('keeps the stored value and comment where a value cell is empty, in CSV and XLSX', async () => {
			const audits = async () =>
				handle.db
					.select({ after: auditLog.after })
					.from(auditLog)
					.where(eq(auditLog.action, 'measurement.import'))
					.orderBy(desc(auditLog.id));
			const csv = await dryRun(
				utf8(
					'Kennzahl;Jahr;Quartal;Wert;Kommentar\r\n' +
						'ARCH-DIGITAL;2026;3;;\r\n' +
						'ARCH-ERSCHL;2026;3;;\r\n' +
						'ARCH-FACHQUAL;2026;3;61;nachgezählt\r\n'
				)
			);
			expect(csv.plan!.counts).toEqual({ new: 0, changed: 1, unchanged: 2, error: 0 });
			expect(csv.plan!.outcomes[0]).toMatchObject({
				kind: 'unchanged',
				emptyValueCell: true,
				after: kept['ARCH-DIGITAL']
			});
			const view = uploadView(csv, { show: 'all', page: 1 }, 'de');
			expect(view.emptyValueCells).toBe(2);
			expect((await commitUpload(handle.db, scope, csv)).ok).toBe(true);
			expect(await stored('ARCH-DIGITAL')).toEqual(kept['ARCH-DIGITAL']);
			expect(await stored('ARCH-ERSCHL')).toEqual(kept['ARCH-ERSCHL']);
			expect(await stored('ARCH-FACHQUAL')).toEqual({ value: 61, comment: 'nachgezählt' });
			const [entry] = await audits();
			expect(JSON.parse(entry!.after!)).toMatchObject({
				changed: 1,
				unchanged: 2,
				emptyValueCells: 2
			});

			const workbook = new ExcelJS.Workbook();
			const sheet = workbook.addWorksheet('Werte');
			sheet.addRow(['Kennzahl', 'Jahr', 'Quartal', 'Wert', 'Kommentar']);
			sheet.addRow(['ARCH-MAGAZIN', 2026, 3, null, null]);
			sheet.addRow(['ARCH-DIGITAL', 2026, 3, '', '']);
			const xlsx = await dryRun(new Uint8Array(await workbook.xlsx.writeBuffer()), 'leer.xlsx');
			expect(xlsx.plan!.counts).toEqual({ new: 0, changed: 0, unchanged: 2, error: 0 });
			expect(xlsx.plan!.outcomes.every((o) => o.emptyValueCell)).toBe(true);
			expect(await stored('ARCH-MAGAZIN')).toEqual(kept['ARCH-MAGAZIN']);
		});
	});

	it('shows a large dry run page by page, filtered, with errors summarised by kind', async () => {
		const lines = ['Kennzahl;Jahr;Quartal;Wert;Kommentar'];
		// 250 rows: the first five are new keys in closed or missing quarters, the rest repeat them.
		for (let i = 0; i < 250; i++) lines.push(`ARCH-DIGITAL;20${10 + (i % 5)};1;${i};x`);
		const record = await dryRun(utf8(lines.join('\r\n')));
		const all = uploadView(record, { show: 'all', page: 3 }, 'de');
		expect(all).toMatchObject({ page: 3, pages: 3 });
		expect(all.rows.map((r) => r.line)).toEqual(Array.from({ length: 50 }, (_, i) => 202 + i));
		const errors = uploadView(record, { show: 'error', page: 99 }, 'de');
		expect(errors.page).toBe(errors.pages);
		expect(errors.errorGroups.map((g) => [g.code, g.count, g.line])).toEqual([
			['duplicate_row', 245, 7],
			['period_missing', 5, 2]
		]);
	});

	it('keeps an upload to the person and city that made it', async () => {
		const record = await dryRun(utf8('Kennzahl;Jahr;Quartal;Wert\r\nARCH-FACHQUAL;2026;3;57\r\n'));
		expect(
			await loadUpload(handle.db, record.id, { ...scope, userId: scope.userId + 1 })
		).toBeNull();
		expect(
			await loadUpload(handle.db, record.id, { ...scope, organisationId: otherCity })
		).toBeNull();
		const field = await fieldBySlug(handle.db, 'beihilfe');
		expect(await loadUpload(handle.db, record.id, { ...scope, fieldId: field.id })).toBeNull();
		expect(await loadUpload(handle.db, '../../etc/passwd', scope)).toBeNull();
	});

	it('keeps an upload in the database, so any app instance can commit it', async () => {
		const bytes = utf8('Kennzahl;Jahr;Quartal;Wert\r\nARCH-FACHQUAL;2026;3;58\r\n');
		const record = await dryRun(bytes);
		// Everything the commit needs is in the shared database, nothing on this server's disk.
		const [kept] = await handle.db
			.select({ bytes: pendingImports.bytes, record: pendingImports.record })
			.from(pendingImports)
			.where(eq(pendingImports.id, record.id));
		expect(kept!.bytes).toEqual(bytes);
		expect(kept!.record.fingerprint).toBe(record.fingerprint);
		expect((await commitUpload(handle.db, scope, record)).ok).toBe(true);
		expect((await stored('ARCH-FACHQUAL'))!.value).toBe(58);
		expect(await handle.db.$count(pendingImports, eq(pendingImports.id, record.id))).toBe(0);
	});

	it('removes uploads nobody finished within a day', async () => {
		const old = await dryRun(utf8('Kennzahl;Jahr;Quartal;Wert\r\nARCH-FACHQUAL;2026;3;59\r\n'));
		const fresh = await dryRun(utf8('Kennzahl;Jahr;Quartal;Wert\r\nARCH-FACHQUAL;2026;3;60\r\n'));
		await handle.db
			.update(pendingImports)
			.set({ updatedAt: new Date(Date.now() - 25 * 60 * 60 * 1000) })
			.where(eq(pendingImports.id, old.id));
		await removeStaleUploads(handle.db);
		expect(await loadUpload(handle.db, old.id, scope)).toBeNull();
		expect(await loadUpload(handle.db, fresh.id, scope)).not.toBeNull();
	});
});
