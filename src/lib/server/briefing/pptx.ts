import PptxGenJS from 'pptxgenjs';
import { m } from '../../paraglide/messages';
import type { Briefing, RingStanding } from '../../domain/briefing/types';
import type { Mover } from '../../domain/compare/overview';
import type { Status } from '../../domain/status/status';
import type { RollupStatus } from '../../domain/scoring/score';
import { briefingText, standingRows, type BriefingText } from './text';
import { factorTable, pilotTable, type BriefingCell } from './tables';
import { linesOf, paginate } from '../../domain/briefing/paginate';

type Row = PptxGenJS.TableRow;
type Slide = PptxGenJS.Slide;

const fill: Record<Status | RollupStatus, string> = {
	green: 'D9EFDB',
	yellow: 'FDF0C4',
	red: 'F7D4D4',
	no_data: 'EEEEEE',
	no_target: 'EEEEEE'
};
const FONT = 'Calibri';
const W = 13.33;

/** A shared table cell as a slide table's: the KPI name on a second line under its code. */
function slideCell(c: BriefingCell): PptxGenJS.TableCell {
	const text = c.under === undefined ? c.text : `${c.text}\n${c.under}`;
	if (c.bold === undefined && !c.right) return { text };
	return {
		text,
		options: { ...(c.bold !== undefined && { bold: c.bold }), ...(c.right && { align: 'right' }) }
	};
}

const head = (texts: string[]): Row =>
	texts.map((text) => ({ text, options: { bold: true, fill: { color: 'EEF2F6' } } }));

/**
 * The briefing as slides for the mayors' round: the same sections as the PDF, tables as native
 * tables and the ring positions as native bar charts, so staff can restyle or annotate them.
 */
export async function briefingPptx(b: Briefing, locale: 'de' | 'en'): Promise<Buffer> {
	const t = briefingText(locale);
	const o = t.o;
	const pptx = new PptxGenJS();
	pptx.layout = 'LAYOUT_WIDE';
	pptx.title = `${m.briefing_title({}, o)}: ${b.city.name}, ${t.quarter(b.quarter)}`;
	const asOf = b.dataAsOf ? t.moment(b.dataAsOf) : m.briefing_no_values({}, o);
	pptx.defineSlideMaster({
		title: 'BRIEFING',
		objects: [
			{
				text: {
					text: m.briefing_footer({ city: b.city.name, quarter: t.quarter(b.quarter), asOf }, o),
					options: { x: 0.4, y: 7.05, w: 10, h: 0.3, fontSize: 9, color: '444444', fontFace: FONT }
				}
			}
		],
		slideNumber: { x: 12.2, y: 7.05, w: 0.8, h: 0.3, fontSize: 9, color: '444444', fontFace: FONT }
	});
	const slide = (title: string): Slide => {
		const s = pptx.addSlide({ masterName: 'BRIEFING' });
		s.addText(title, {
			x: 0.4,
			y: 0.25,
			w: W - 0.8,
			h: 0.6,
			fontSize: 24,
			bold: true,
			fontFace: FONT
		});
		return s;
	};
	const tableOpts = (y: number): PptxGenJS.TableProps => ({
		x: 0.4,
		y,
		w: W - 0.8,
		fontSize: 11,
		fontFace: FONT,
		border: { type: 'solid', pt: 0.5, color: 'BBBBBB' },
		// Paged by `paginate` rather than pptxgenjs's autoPage, which splits cell text into runs.
		autoPage: false,
		valign: 'top'
	});

	cover(pptx, b, t, asOf);

	const status = slide(m.overview_status_title({}, o));
	const statusRows: Row[] = [
		head([m.col_field({}, o), m.overview_col_overall({}, o), ...b.columns.map((c) => c.name)]),
		...b.rows.map((r): Row => {
			const cell = (x: Parameters<BriefingText['rollup']>[0]) => ({
				text: t.rollup(x).replace(' · ', '\n'),
				options: { fill: { color: fill[x?.status ?? 'no_data'] } }
			});
			if (!r.built)
				return [
					{ text: r.field.name, options: { bold: true } },
					{
						text: m.overview_not_built({}, o),
						options: { colspan: b.columns.length + 1, italic: true }
					}
				];
			return [
				{ text: r.field.name, options: { bold: true } },
				cell(r.rollup),
				...b.columns.map((c) => {
					const p = r.perspectives.find((x) => x.column === c.column);
					return p ? cell(p.rollup) : { text: '–' };
				})
			];
		})
	];
	status.addTable(statusRows, {
		...tableOpts(1.0),
		fontSize: 9,
		colW: columnWidths(b.columns.length + 1)
	});

	const attentionHead = head([
		m.col_field({}, o),
		m.col_kpi({}, o),
		m.col_value({}, o),
		m.col_status({}, o),
		m.briefing_col_comment({}, o)
	]);
	const attentionRows = b.attention.map((a) => {
		const texts = [
			`${a.field}\n${a.perspective}`,
			`${a.code}\n${a.name}`,
			`${t.kpi(a.value, a.unit, a.decimals)}\n${t.quarter(a.quarter)}${a.state && a.state !== 'released' ? `\n${t.state(a.state)}` : ''}`,
			`${t.status(a.status)}${a.score !== null ? ` (${t.number(a.score, 1)})` : ''}`,
			[
				a.comment || m.briefing_no_comment({}, o),
				...a.notes.map(
					(n) =>
						`${m.briefing_note_by({ kind: t.noteKind(n.kind), author: n.authorName, date: t.moment(n.writtenAt) }, o)}: ${n.body}`
				)
			].join('\n')
		];
		const perLine = [28, 38, 18, 18, 55];
		return {
			lines: Math.max(...texts.map((x, i) => linesOf(x, perLine[i]!))) + 1,
			row: texts.map((text, i) =>
				i === 3 ? { text, options: { fill: { color: fill[a.status] } } } : { text }
			) as Row
		};
	});
	const attentionPages = paginate(attentionRows, (r) => r.lines, 26);
	if (attentionPages.length === 0)
		slide(m.briefing_attention_title({}, o)).addText(m.briefing_attention_none({}, o), {
			x: 0.4,
			y: 1.1,
			w: 12,
			h: 0.5,
			fontSize: 14
		});
	for (const page of attentionPages)
		slide(m.briefing_attention_title({}, o)).addTable([attentionHead, ...page.map((r) => r.row)], {
			...tableOpts(1.0),
			fontSize: 10,
			colW: [2.2, 3.0, 1.5, 1.5, 4.33]
		});

	const movers = slide(m.overview_movers_title({}, o));
	moversTable(movers, m.overview_improvements({}, o), b.improvements, 1.0, t);
	moversTable(movers, m.overview_declines({}, o), b.declines, 4.0, t);

	for (const f of b.fields)
		for (const s of f.standings)
			standingSlide(slide(m.briefing_ring_field({ field: f.field }, o)), s, b, t, pptx);

	const pilots = pilotTable(t);
	const factors = factorTable(t);
	if (b.pilots.length === 0)
		slide(m.briefing_pilots_title({}, o)).addText(m.briefing_pilots_none({}, o), {
			x: 0.4,
			y: 1.1,
			w: 12,
			h: 0.5,
			fontSize: 14
		});
	for (const page of paginate(b.pilots, () => 1, 10))
		slide(m.briefing_pilots_title({}, o)).addTable(
			[head(pilots.head), ...page.map((p) => pilots.row(p).map(slideCell))],
			{ ...tableOpts(1.0), colW: [1.8, 2.6, 1.5, 1.1, 1.1, 1.5, 1.4, 1.53] }
		);

	if (b.factors.length === 0)
		slide(m.briefing_factors_title({}, o)).addText(m.briefing_factors_none({}, o), {
			x: 0.4,
			y: 1.1,
			w: 12,
			h: 0.5,
			fontSize: 14
		});
	for (const page of paginate(b.factors, (f) => linesOf(f.explanation, 42) + 1, 24))
		slide(m.briefing_factors_title({}, o)).addTable(
			[head(factors.head), ...page.map((f) => factors.row(f).map(slideCell))],
			// The factor column fits "Personalsituation" without breaking the word.
			{ ...tableOpts(1.0), colW: [1.9, 2.4, 1.0, 1.9, 3.53, 1.8] }
		);

	return (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
}

const capitalised = (text: string, locale: string) =>
	text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

/** The field column wider, every score column alike: fits 12.53 inches whatever the count. */
function columnWidths(scoreColumns: number): number[] {
	const first = 2.6;
	return [first, ...Array(scoreColumns).fill((W - 0.8 - first) / scoreColumns)];
}

function cover(pptx: PptxGenJS, b: Briefing, t: BriefingText, asOf: string) {
	const o = t.o;
	const s = pptx.addSlide({ masterName: 'BRIEFING' });
	s.addText(m.briefing_title({}, o), {
		x: 0.8,
		y: 1.2,
		w: 11,
		h: 0.5,
		fontSize: 20,
		color: '0B4F8A',
		fontFace: FONT
	});
	s.addText(b.city.name, {
		x: 0.8,
		y: 1.8,
		w: 11,
		h: 1.0,
		fontSize: 44,
		bold: true,
		fontFace: FONT
	});
	s.addText(t.quarter(b.quarter), { x: 0.8, y: 2.8, w: 11, h: 0.7, fontSize: 28, fontFace: FONT });
	s.addTable(
		[
			[
				{ text: m.briefing_reporting_date({}, o), options: { bold: true } },
				{ text: t.date(b.reportingDate) }
			],
			[{ text: m.briefing_data_state({}, o), options: { bold: true } }, { text: asOf }],
			[
				{ text: m.briefing_printed_at({}, o), options: { bold: true } },
				{ text: t.moment(b.printedAt) }
			]
		],
		{ x: 0.8, y: 3.8, w: 7, colW: [2.5, 4.5], fontSize: 14, fontFace: FONT }
	);
	s.addText(b.own ? m.briefing_scope_own({}, o) : m.briefing_scope_released({}, o), {
		x: 0.8,
		y: 5.4,
		w: 11,
		h: 0.6,
		fontSize: 13,
		italic: true,
		fontFace: FONT
	});
}

function moversTable(s: Slide, title: string, movers: Mover[], y: number, t: BriefingText) {
	const o = t.o;
	s.addText(title, { x: 0.4, y, w: 12, h: 0.4, fontSize: 16, bold: true, fontFace: FONT });
	if (movers.length === 0) return;
	const reading = (r: Mover['before'], mv: Mover) => ({
		text: `${t.kpi(r.value, mv.unit, mv.decimals)} · ${t.status(r.status)}`,
		options: { fill: { color: fill[r.status] } }
	});
	s.addTable(
		[
			head([
				m.col_field({}, o),
				m.col_kpi({}, o),
				m.overview_col_before({}, o),
				m.overview_col_after({}, o),
				m.overview_col_score_change({}, o)
			]),
			...movers.map((mv): Row => [
				{ text: mv.field.name },
				{ text: `${mv.code} ${mv.name}` },
				reading(mv.before, mv),
				reading(mv.after, mv),
				{
					text: `${mv.scoreChange > 0 ? '+' : ''}${t.number(mv.scoreChange, 1)} ${m.overview_points({}, o)}`
				}
			])
		],
		{
			x: 0.4,
			y: y + 0.45,
			w: W - 0.8,
			colW: [2.3, 4.2, 2.2, 2.2, 1.63],
			fontSize: 9,
			fontFace: FONT
		}
	);
}

/** One key KPI: the ring as a native bar chart (own city its own series) beside its numbers. */
function standingSlide(s: Slide, st: RingStanding, b: Briefing, t: BriefingText, pptx: PptxGenJS) {
	const o = t.o;
	s.addText(`${st.code} ${st.name} · ${t.quarter(st.quarter)}`, {
		x: 0.4,
		y: 0.85,
		w: 12.5,
		h: 0.4,
		fontSize: 15,
		bold: true,
		fontFace: FONT
	});
	const labels = st.values.map((v) => v.city);
	s.addChart(
		pptx.ChartType.bar,
		[
			{
				name: m.briefing_ring_cities({}, o),
				labels,
				values: st.values.map((v) => (v.own ? 0 : v.value))
			},
			{ name: b.city.name, labels, values: st.values.map((v) => (v.own ? v.value : 0)) }
		],
		{
			x: 0.4,
			y: 1.4,
			w: 7.6,
			h: 5.4,
			barDir: 'bar',
			barGrouping: 'stacked',
			chartColors: ['8A96A3', '0B4F8A'],
			showLegend: true,
			legendPos: 'b',
			catAxisLabelFontSize: 10,
			valAxisLabelFontSize: 10,
			// Axis titles as in the web charts: what the bars measure, in which unit, and per what.
			showValAxisTitle: true,
			// "Percent", not the running-text "percent": a title starts with a capital.
			valAxisTitle: capitalised(t.unit(st.unit), t.locale),
			valAxisTitleFontSize: 10,
			valAxisTitleFontFace: FONT,
			showCatAxisTitle: true,
			catAxisTitle: m.col_city({}, o),
			catAxisTitleFontSize: 10,
			catAxisTitleFontFace: FONT,
			valAxisLabelFormatCode: st.decimals > 0 ? `#,##0.${'0'.repeat(st.decimals)}` : '#,##0',
			showValue: false,
			showTitle: true,
			title: m.briefing_ring_chart_title(
				{ code: st.code, city: b.city.name, quarter: t.quarter(st.quarter) },
				o
			),
			titleFontSize: 12
		}
	);
	const rows = standingRows(st, t);
	s.addTable(
		rows.map(([k, v]) => [
			{ text: k, options: { bold: true, fill: { color: 'EEF2F6' } } },
			{ text: v }
		]),
		{
			x: 8.3,
			y: 1.4,
			w: 4.63,
			// Wide enough for "Quartile (25 % / 75 %)" on one line (rendered and looked at).
			colW: [2.35, 2.28],
			fontSize: 11,
			fontFace: FONT,
			border: { type: 'solid', pt: 0.5, color: 'BBBBBB' }
		}
	);
}
