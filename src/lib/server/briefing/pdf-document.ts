import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { m } from '../../paraglide/messages';
import type { Briefing, RingStanding } from '../../domain/briefing/types';
import type { Mover } from '../../domain/compare/overview';
import type { Status } from '../../domain/status/status';
import type { RollupStatus } from '../../domain/scoring/score';
import { stripChartSvg } from '../../domain/briefing/strip-chart';
import { standingRows, type BriefingText } from './text';
import { factorTable, pilotTable, type BriefingCell } from './tables';

/** Light fills behind the status word: colour helps, the word carries the meaning. */
const fill: Record<Status | RollupStatus, string> = {
	green: '#d9efdb',
	yellow: '#fdf0c4',
	red: '#f7d4d4',
	no_data: '#eeeeee',
	no_target: '#eeeeee'
};

/** The status matrix needs the landscape width: the one forced break, after the cover. */
const landscapePage = (content: Content[]): Content => ({
	stack: content,
	pageBreak: 'before',
	pageOrientation: 'landscape'
});

/**
 * Every later section flows on after the one before (on the landscape pages the status page
 * opened). A break per section left pages 4 and 11 nearly empty. The section is `headlineLevel` 1,
 * so `pageBreakBefore` moves one that would start in a page's last lines and run on to the next.
 */
const section = (heading: Content, content: Content[]): Content => ({
	stack: [heading, ...content],
	headlineLevel: 1,
	margin: [0, 0, 0, 6]
});

/** A section starting below this share of the page's height and not ending there moves on. */
const SECTION_START_LIMIT = 0.75;

const header = (text: string): TableCell => ({ text, style: 'th' });

/** A table that repeats its header row on every page it spans. */
const table = (widths: (number | string)[], head: string[], body: TableCell[][]): Content => ({
	// keepWithHeaderRows: the header never stands alone at a page's foot.
	table: {
		headerRows: 1,
		keepWithHeaderRows: 1,
		dontBreakRows: true,
		widths,
		body: [head.map(header), ...body]
	},
	layout: 'lightHorizontalLines',
	style: 'table'
});

function cover(b: Briefing, t: BriefingText): Content[] {
	const o = t.o;
	const asOf = b.dataAsOf ? t.moment(b.dataAsOf) : m.briefing_no_values({}, o);
	return [
		{ text: m.briefing_title({}, o), style: 'kicker', margin: [0, 120, 0, 8] },
		{ text: b.city.name, style: 'coverCity' },
		{ text: t.quarter(b.quarter), style: 'coverQuarter', margin: [0, 4, 0, 32] },
		{
			table: {
				widths: [140, '*'],
				body: [
					[header(m.briefing_reporting_date({}, o)), t.date(b.reportingDate)],
					[header(m.briefing_data_state({}, o)), asOf],
					[header(m.briefing_printed_at({}, o)), t.moment(b.printedAt)]
				]
			},
			layout: 'lightHorizontalLines'
		},
		{
			text: b.own ? m.briefing_scope_own({}, o) : m.briefing_scope_released({}, o),
			margin: [0, 16, 0, 24],
			italics: true
		},
		{ text: m.briefing_contents({}, o), style: 'h3' },
		{
			ol: [
				m.overview_status_title({}, o),
				m.briefing_attention_title({}, o),
				m.overview_movers_title({}, o),
				m.overview_ring_title({}, o),
				m.briefing_pilots_title({}, o),
				m.briefing_factors_title({}, o)
			]
		}
	];
}

function statusPage(b: Briefing, t: BriefingText): Content {
	const o = t.o;
	// Score and word on two lines, so no cell breaks mid-phrase on the landscape page.
	const cell = (r: Parameters<BriefingText['rollup']>[0]): TableCell => ({
		text: t.rollup(r).replace(' · ', '\n'),
		fillColor: fill[r?.status ?? 'no_data']
	});
	const body: TableCell[][] = b.rows.map((row) => {
		const name: TableCell = {
			stack: [
				{ text: row.field.name, bold: true },
				row.latestQuarter
					? { text: m.overview_as_of({ quarter: t.quarter(row.latestQuarter) }, o), style: 'small' }
					: '',
				row.unreleased > 0
					? {
							text: m.overview_unreleased_kpis({ count: String(row.unreleased) }, o),
							style: 'small'
						}
					: ''
			]
		};
		if (!row.built)
			return [
				name,
				{ text: m.overview_not_built({}, o), colSpan: b.columns.length + 1, italics: true },
				...b.columns.map(() => '')
			];
		return [
			name,
			cell(row.rollup),
			...b.columns.map((c) => {
				const p = row.perspectives.find((x) => x.column === c.column);
				return p ? cell(p.rollup) : '–';
			})
		];
	});
	return landscapePage([
		{ text: m.overview_status_title({}, o), style: 'h2' },
		{ text: m.briefing_status_note({}, o), style: 'note' },
		table(
			[150, ...Array(b.columns.length + 1).fill('*')],
			[m.col_field({}, o), m.overview_col_overall({}, o), ...b.columns.map((c) => c.name)],
			body
		)
	]);
}

function attentionSection(b: Briefing, t: BriefingText): Content {
	const o = t.o;
	const title: Content = { text: m.briefing_attention_title({}, o), style: 'h2' };
	if (b.attention.length === 0) return section(title, [{ text: m.briefing_attention_none({}, o) }]);
	const body = b.attention.map((a): TableCell[] => [
		{ stack: [a.field, { text: a.perspective, style: 'small' }] },
		{ stack: [{ text: a.code, bold: true }, a.name] },
		t.quarter(a.quarter),
		{
			stack: [
				t.kpi(a.value, a.unit, a.decimals),
				a.state && a.state !== 'released' ? { text: t.state(a.state), style: 'small' } : ''
			]
		},
		{
			text: `${t.status(a.status)}${a.score !== null ? ` (${t.number(a.score, 1)})` : ''}`,
			fillColor: fill[a.status]
		},
		{
			stack: [
				a.comment
					? a.comment
					: { text: m.briefing_no_comment({}, o), italics: true, color: '#555' },
				...a.notes.map((n) => ({
					stack: [
						{
							text: m.briefing_note_by(
								{ kind: t.noteKind(n.kind), author: n.authorName, date: t.moment(n.writtenAt) },
								o
							),
							style: 'small',
							margin: [0, 4, 0, 0] as [number, number, number, number]
						},
						n.body
					]
				}))
			]
		}
	]);
	return section(title, [
		table(
			[130, 150, 45, 70, 75, '*'],
			[
				m.col_field({}, o),
				m.col_kpi({}, o),
				m.col_quarter({}, o),
				m.col_value({}, o),
				m.col_status({}, o),
				m.briefing_col_comment({}, o)
			],
			body
		)
	]);
}

function moversTable(movers: Mover[], empty: string, t: BriefingText): Content {
	const o = t.o;
	if (movers.length === 0) return { text: empty, margin: [0, 0, 0, 8] };
	const reading = (r: Mover['before'], mv: Mover): TableCell => ({
		text: `${t.kpi(r.value, mv.unit, mv.decimals)}\n${t.status(r.status)}`,
		fillColor: fill[r.status]
	});
	return table(
		[130, '*', 110, 110, 80],
		[
			m.col_field({}, o),
			m.col_kpi({}, o),
			m.overview_col_before({}, o),
			m.overview_col_after({}, o),
			m.overview_col_score_change({}, o)
		],
		movers.map((mv) => [
			mv.field.name,
			{ stack: [{ text: mv.code, bold: true }, mv.name] },
			reading(mv.before, mv),
			reading(mv.after, mv),
			`${mv.scoreChange > 0 ? '+' : ''}${t.number(mv.scoreChange, 1)} ${m.overview_points({}, o)}`
		])
	);
}

function moversSection(b: Briefing, t: BriefingText): Content {
	const o = t.o;
	return section({ text: m.overview_movers_title({}, o), style: 'h2' }, [
		{ text: m.overview_movers_rule({}, o), style: 'note' },
		{ text: m.overview_improvements({}, o), style: 'h3' },
		moversTable(b.improvements, m.overview_no_improvements({}, o), t),
		{ text: m.overview_declines({}, o), style: 'h3' },
		moversTable(b.declines, m.overview_no_declines({}, o), t)
	]);
}

function standingBlock(
	s: RingStanding,
	city: string,
	t: BriefingText,
	heading: Content[] = []
): Content {
	const o = t.o;
	const f = (v: number) => t.kpi(v, s.unit, s.decimals);
	const d = s.distribution;
	const rows = standingRows(s, t);
	return {
		unbreakable: true,
		margin: [0, 6, 0, 10],
		stack: [
			...heading,
			{ text: `${s.code} ${s.name} · ${t.quarter(s.quarter)}`, style: 'h3' },
			{
				columns: [
					{
						width: 330,
						table: { widths: [150, '*'], body: rows.map(([k, v]) => [header(k), v]) },
						layout: 'lightHorizontalLines'
					},
					{
						width: '*',
						stack: [
							{
								svg: stripChartSvg({
									values: s.values,
									distribution: d,
									format: f,
									ownLabel: city,
									medianLabel: m.briefing_median({}, o)
								}),
								width: 380
							}
						]
					}
				],
				columnGap: 16
			}
		]
	};
}

function ringSection(b: Briefing, t: BriefingText): Content {
	const o = t.o;
	return section({ text: m.overview_ring_title({}, o), style: 'h2' }, [
		{ text: m.overview_key_rule({}, o), style: 'note' },
		...b.fields.flatMap((f): Content[] => {
			// The field's heading travels with its first KPI, never alone at a page's foot.
			const heading: Content = { text: m.briefing_ring_field({ field: f.field }, o), style: 'h2b' };
			if (!f.standings.length)
				return [
					{
						unbreakable: true,
						stack: [heading, { text: m.briefing_ring_none({}, o), italics: true }],
						margin: [0, 0, 0, 8]
					}
				];
			return f.standings.map((s, i) => standingBlock(s, b.city.name, t, i === 0 ? [heading] : []));
		})
	]);
}

/** A shared table cell in pdfmake's terms: the KPI code bold above its name. */
function pdfCell(c: BriefingCell): TableCell {
	if (c.under !== undefined) return { stack: [{ text: c.text, bold: true }, c.under] };
	if (!c.bold && !c.right) return c.text;
	return { text: c.text, ...(c.bold && { bold: true }), ...(c.right && { alignment: 'right' }) };
}

function pilotsSections(b: Briefing, t: BriefingText): Content[] {
	const o = t.o;
	const p = pilotTable(t);
	const f = factorTable(t);
	const pilots = section({ text: m.briefing_pilots_title({}, o), style: 'h2' }, [
		b.pilots.length
			? table(
					[95, '*', 80, 50, 55, 75, 75, 75],
					p.head,
					b.pilots.map((pilot) => p.row(pilot).map(pdfCell))
				)
			: { text: m.briefing_pilots_none({}, o), italics: true }
	]);
	const factors = section({ text: m.briefing_factors_title({}, o), style: 'h2' }, [
		b.factors.length
			? table(
					[110, 150, 45, 80, '*', 110],
					f.head,
					b.factors.map((factor) => f.row(factor).map(pdfCell))
				)
			: { text: m.briefing_factors_none({}, o), italics: true }
	]);
	return [pilots, factors];
}

/** The briefing as a pdfmake document: A4, cover upright, the sections on landscape pages. */
export function briefingDocument(b: Briefing, t: BriefingText): TDocumentDefinitions {
	const o = t.o;
	const asOf = b.dataAsOf ? t.moment(b.dataAsOf) : m.briefing_no_values({}, o);
	const title = `${m.briefing_title({}, o)}: ${b.city.name}, ${t.quarter(b.quarter)}`;
	return {
		pageSize: 'A4',
		pageOrientation: 'portrait',
		pageMargins: [40, 40, 40, 50],
		info: { title, subject: title, creator: 'IKZ Scorecard', producer: 'IKZ Scorecard' },
		language: t.locale === 'de' ? 'de-DE' : 'en-GB',
		content: [
			...cover(b, t),
			statusPage(b, t),
			attentionSection(b, t),
			moversSection(b, t),
			ringSection(b, t),
			...pilotsSections(b, t)
		],
		pageBreakBefore: (node) =>
			node.headlineLevel === 1 &&
			node.pageNumbers.length > 1 &&
			node.startPosition.verticalRatio > SECTION_START_LIMIT,
		footer: (page, pages) => ({
			margin: [40, 16, 40, 0],
			columns: [
				{
					text: m.briefing_footer({ city: b.city.name, quarter: t.quarter(b.quarter), asOf }, o),
					style: 'footer'
				},
				{
					text: m.briefing_page({ page: String(page), pages: String(pages) }, o),
					alignment: 'right',
					style: 'footer',
					width: 120
				}
			]
		}),
		defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
		styles: {
			kicker: { fontSize: 14, color: '#0b4f8a' },
			coverCity: { fontSize: 32, bold: true },
			coverQuarter: { fontSize: 20 },
			h2: { fontSize: 15, bold: true, margin: [0, 0, 0, 6] },
			h2b: { fontSize: 12, bold: true, margin: [0, 10, 0, 2], color: '#0b4f8a' },
			h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 4] },
			th: { bold: true, fillColor: '#eef2f6' },
			note: { fontSize: 8, color: '#444', margin: [0, 0, 0, 8] },
			small: { fontSize: 7.5, color: '#444' },
			table: { margin: [0, 0, 0, 10] },
			footer: { fontSize: 7.5, color: '#444' }
		}
	};
}
