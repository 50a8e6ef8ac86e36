import type { ComparisonFigure, PageFigure } from './reads';
import type { LoadResult } from './throughput';
import type { JsFigure } from './js-size';
import { FLOOR_PATH, type HttpPageFigure } from './http-pages';
import type { PreparedFigure } from './prepared';
import type { StartFigure } from './start-time';
import { cpus, loadavg } from 'node:os';

/** Issue 8's and issue 18's targets. */
export const TARGETS = {
	comparisonRatio: 3,
	roundTrips: 5,
	importRatio: 5,
	dashboardJsKb: 120,
	/** Whole page over HTTP against the plain SQL of the same read. */
	pageRatio: 3,
	dashboardStatements: 6,
	heatmapHtmlKb: 300,
	throughputRatio: 0.5,
	warmStartSeconds: 5,
	coldStartSeconds: 15
};

const ms = (v: number) => `${v.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
/** The load average beside a figure: on 2 shared cores it explains most of the spread. */
const at = (load: number | undefined) => (load === undefined ? '' : ` (load ${load.toFixed(1)})`);

/** One table with every figure of the run and its target, printed last. */
export function printSummary(input: {
	comparison: ComparisonFigure | null;
	pages: PageFigure[] | null;
	prepared: PreparedFigure[] | null;
	http: HttpPageFigure[] | null;
	imported: { importSeconds: number; commitSeconds: number; copySeconds: number } | null;
	load: LoadResult[] | null;
	js: JsFigure[] | null;
	start: StartFigure[] | null;
	startNote: string;
	httpNote: string;
	importNote: string;
	jsNote: string;
}) {
	const { comparison: c, pages, imported, load, js, http, prepared } = input;
	const rows: [string, string, string, string][] = [];
	if (c && pages) {
		const worstRound = Math.max(...c.rounds);
		rows.push([
			'comparison loader vs plain SQL (396 cities)',
			`${ms(c.median)} vs ${ms(c.plainMedian)}: ${c.ratio.toFixed(2)} × (rounds ${Math.min(...c.rounds).toFixed(2)}–${worstRound.toFixed(2)})`,
			`≤ ${TARGETS.comparisonRatio} ×`,
			verdict(worstRound <= TARGETS.comparisonRatio)
		]);
		for (const p of [{ ...c, label: 'comparison' }, ...pages]) {
			rows.push([
				`${p.label.split(':')[0]!} loader`,
				`${p.roundTrips} round trips, median ${ms(p.median)}, p95 ${ms(p.p95)}`,
				`≤ ${TARGETS.roundTrips} trips`,
				verdict(p.roundTrips <= TARGETS.roundTrips)
			]);
		}
	} else rows.push(['loaders vs plain SQL', 'skipped (--skip-reads)', '', '']);
	for (const p of prepared ?? []) {
		rows.push([
			`${p.label}: prepared statements`,
			`${ms(p.unprepared)} → ${ms(p.prepared)}: ${(p.saved * 100).toFixed(0)} % of the time was parse and plan`,
			'measured',
			''
		]);
	}
	if (!prepared) rows.push(['prepared statements', 'skipped (--skip-reads)', '', '']);
	if (http) {
		for (const h of http) {
			rows.push([
				`HTTP ${h.label} vs plain SQL`,
				`${ms(h.median)} (p95 ${ms(h.p95)}) vs ${ms(h.plainMedian)}: ${h.ratio.toFixed(1)} ×${at(h.load)}`,
				`≤ ${TARGETS.pageRatio} ×`,
				verdict(h.ratio <= TARGETS.pageRatio)
			]);
			rows.push([
				`HTTP ${h.label}: statements, HTML`,
				`${h.statements} statements; ${(h.htmlBytes / 1024).toFixed(0)} KB HTML, ${(h.sentBytes / 1024).toFixed(0)} KB sent`,
				h.label === 'dashboard'
					? `≤ ${TARGETS.dashboardStatements} statements`
					: h.label.startsWith('heatmap')
						? `≤ ${TARGETS.heatmapHtmlKb} KB HTML`
						: 'measured',
				h.label === 'dashboard'
					? verdict(h.statements <= TARGETS.dashboardStatements)
					: h.label.startsWith('heatmap')
						? verdict(h.htmlBytes / 1024 <= TARGETS.heatmapHtmlKb)
						: ''
			]);
		}
		// What 3 × the plain SQL leaves once a request's fixed cost is paid: where it is below
		// zero, no page of any size can meet the target (docs/decisions/0049).
		rows.push([
			`cheapest signed-in page (${FLOOR_PATH}), same rounds`,
			http
				.map(
					(h) =>
						`${h.label} ${ms(h.floorMedian)} = ${(h.floorMedian / h.plainMedian).toFixed(1)} × its plain SQL`
				)
				.join('; '),
			'measured',
			''
		]);
		const over = http.filter((h) => h.ratio > TARGETS.pageRatio);
		rows.push([
			'every main page over HTTP vs its plain SQL',
			over.length
				? `${over.length} of ${http.length} over: ${over.map((h) => `${h.label} ${h.ratio.toFixed(1)} ×`).join(', ')}`
				: `all ${http.length} within`,
			`≤ ${TARGETS.pageRatio} ×`,
			verdict(over.length === 0)
		]);
	} else rows.push(['whole pages over HTTP', input.httpNote, '', '']);
	if (imported) {
		const ratio = imported.importSeconds / imported.copySeconds;
		rows.push([
			'import 100,000 values (parse + commit) vs COPY',
			`${imported.importSeconds.toFixed(2)} s vs ${imported.copySeconds.toFixed(2)} s: ${ratio.toFixed(2)} × (commit alone ${(imported.commitSeconds / imported.copySeconds).toFixed(2)} ×)`,
			`≤ ${TARGETS.importRatio} ×`,
			verdict(ratio <= TARGETS.importRatio)
		]);
	} else rows.push(['import vs COPY', input.importNote, '', '']);
	if (load) {
		const [dashboard, trivial] = load as [LoadResult, LoadResult];
		for (const l of load) {
			rows.push([
				`${l.path} (50 clients, authenticated)`,
				`${l.perSecond.toFixed(0)} req/s, p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, ${l.errors} errors of ${l.requests}${at(l.load)}`,
				'0 errors',
				verdict(l.errors === 0)
			]);
		}
		rows.push([
			'dashboard vs trivial page throughput',
			`${(dashboard.perSecond / trivial.perSecond).toFixed(2)} × (trivial ${(trivial.perSecond / dashboard.perSecond).toFixed(1)} × faster)`,
			`≥ ${TARGETS.throughputRatio} ×`,
			verdict(dashboard.perSecond / trivial.perSecond >= TARGETS.throughputRatio)
		]);
	} else rows.push(['throughput under load', input.httpNote, '', '']);
	if (js) {
		for (const f of js) {
			rows.push([
				`JS ${f.path}`,
				`${f.kb.toFixed(1)} KB gzip in ${f.files} files`,
				`≤ ${TARGETS.dashboardJsKb} KB`,
				verdict(f.kb <= TARGETS.dashboardJsKb)
			]);
		}
	} else rows.push(['JavaScript per page', input.jsNote, '', '']);

	if (input.start) {
		for (const f of input.start) {
			const limit = f.kind === 'warm' ? TARGETS.warmStartSeconds : TARGETS.coldStartSeconds;
			rows.push([
				`npm start, ${f.kind}`,
				`${f.seconds.toFixed(1)} s to the login page${f.built ? ' (built first: sources changed)' : ''}${at(f.load)}`,
				`≤ ${limit} s`,
				verdict(!f.built && f.seconds <= limit)
			]);
		}
	} else rows.push(['npm start', input.startNote, '', '']);

	const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
	const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ');
	const now = loadavg().map((l) => l.toFixed(1));
	console.log(
		`\nSummary (issue 8 and issue 18 targets; load average now ${now.join(' ')} on ${cpus().length} cores)`
	);
	console.log(line(['measure', 'figure', 'target', '']));
	console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
	for (const r of rows) console.log(line(r));
}
