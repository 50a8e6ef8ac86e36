import type { Attachment } from 'svelte/attachments';
import { fitChartToPrint, type PrintableChart } from './print-size';

export interface LineSeries {
	label: string;
	values: (number | null)[];
	/** Okabe–Ito colours stay apart for colour-blind readers; dashes tell lines apart without colour. */
	color: string;
	dash?: number[];
	/** Index of points drawn with a distinct marker, e.g. a definition break. */
	markedPoints?: number[];
	stepped?: boolean;
	/** Marker shape of the line's points (and its legend entry), e.g. 'rect', 'triangle'. */
	pointStyle?: 'circle' | 'rect' | 'triangle' | 'rectRounded' | 'star' | 'crossRot' | 'cross';
	/** Turns the marker, e.g. 180 for a triangle pointing down. */
	pointRotation?: number;
	/** Marker drawn as an outline (white fill): one more shape that needs no colour. */
	hollow?: boolean;
	/** The own city: drawn thickest, solid and on top, so it is the line the eye finds first. */
	emphasis?: boolean;
}

export interface LineChartData {
	labels: string[];
	series: LineSeries[];
	formatValue: (value: number) => string;
	/** Axis titles, the value axis with its unit (e.g. "Quartal", "Prozent"). */
	axisTitles?: { x: string; y: string };
}

/** Line widths in CSS pixels: the own city stands out, the others stay readable. */
export const EMPHASIS_WIDTH = 4;
export const NORMAL_WIDTH = 1.5;

/**
 * chart.js as an attachment: loaded in the browser only (SSR renders the fallback content), and
 * destroyed when the canvas goes or the data changes.
 */
export function lineChart(data: LineChartData): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		let chart: PrintableChart | undefined;
		let unprint: (() => void) | undefined;
		let cancelled = false;
		void import('chart.js').then(
			({
				Chart,
				LineController,
				LineElement,
				PointElement,
				LinearScale,
				CategoryScale,
				Legend,
				Tooltip
			}) => {
				if (cancelled) return;
				Chart.register(
					LineController,
					LineElement,
					PointElement,
					LinearScale,
					CategoryScale,
					Legend,
					Tooltip
				);
				chart = new Chart(canvas, {
					type: 'line',
					data: {
						labels: data.labels,
						datasets: data.series.map((s) => ({
							label: s.label,
							data: s.values,
							borderColor: s.color,
							backgroundColor: s.color,
							pointBackgroundColor: s.hollow ? '#ffffff' : s.color,
							pointBorderWidth: s.hollow ? 2 : 1,
							pointRotation: s.pointRotation ?? 0,
							borderDash: s.emphasis ? [] : (s.dash ?? []),
							borderWidth: s.emphasis ? EMPHASIS_WIDTH : NORMAL_WIDTH,
							// chart.js draws lower `order` last, i.e. on top.
							order: s.emphasis ? 0 : 1,
							stepped: s.stepped ?? false,
							spanGaps: false,
							pointRadius: s.values.map((_, i) =>
								s.markedPoints?.includes(i) ? 7 : s.stepped ? 0 : s.emphasis ? 5 : 3
							),
							pointStyle: s.values.map((_, i) =>
								s.markedPoints?.includes(i)
									? 'rectRot'
									: // A target line shows as a line in the legend, not as a dot.
										s.stepped
										? 'line'
										: (s.pointStyle ?? 'circle')
							)
						}))
					},
					options: {
						responsive: true,
						maintainAspectRatio: false,
						animation: false,
						interaction: { mode: 'index', intersect: false },
						plugins: {
							legend: { position: 'bottom', labels: { usePointStyle: true } },
							tooltip: {
								callbacks: {
									label: (ctx) =>
										`${ctx.dataset.label}: ${ctx.parsed.y === null ? '–' : data.formatValue(ctx.parsed.y)}`
								}
							}
						},
						scales: {
							x: {
								title: { display: !!data.axisTitles, text: data.axisTitles?.x ?? '' },
								ticks: { autoSkip: true, maxRotation: 0 }
							},
							y: {
								title: { display: !!data.axisTitles, text: data.axisTitles?.y ?? '' },
								ticks: { callback: (v) => data.formatValue(Number(v)) }
							}
						}
					}
				});
				unprint = fitChartToPrint(chart);
			}
		);
		return () => {
			cancelled = true;
			unprint?.();
			chart?.destroy();
		};
	};
}
