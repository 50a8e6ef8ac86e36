import type { Attachment } from 'svelte/attachments';
import { fitChartToPrint, type PrintableChart } from './print-size';

export interface BarChartData {
	labels: string[];
	values: number[];
	/** Index of the bar to set apart (the own city): another colour and a hatch, not colour alone. */
	highlighted: number | null;
	/** Vertical reference lines, e.g. the common target and the median. */
	lines: { label: string; value: number; color: string; dash: number[] }[];
	formatValue: (value: number) => string;
}

const BAR = '#0072B2';
const OWN = '#E69F00';

/** Diagonal hatching, so the own city's bar differs in pattern as well as in colour. */
function hatch(color: string): CanvasPattern | string {
	const tile = document.createElement('canvas');
	tile.width = tile.height = 8;
	const ctx = tile.getContext('2d');
	if (!ctx) return color;
	ctx.fillStyle = color;
	ctx.fillRect(0, 0, 8, 8);
	ctx.strokeStyle = '#000';
	ctx.lineWidth = 1.5;
	ctx.beginPath();
	ctx.moveTo(0, 8);
	ctx.lineTo(8, 0);
	ctx.stroke();
	return ctx.createPattern(tile, 'repeat') ?? color;
}

/**
 * A sorted horizontal bar chart (chart.js, loaded in the browser only) with labelled vertical
 * lines drawn by a small plugin; the page shows the same figures in a table beside it.
 */
export function barChart(data: BarChartData): Attachment<HTMLCanvasElement> {
	return (canvas) => {
		let chart: PrintableChart | undefined;
		let unprint: (() => void) | undefined;
		let cancelled = false;
		void import('chart.js').then(
			({ Chart, BarController, BarElement, LinearScale, CategoryScale, Tooltip }) => {
				if (cancelled) return;
				Chart.register(BarController, BarElement, LinearScale, CategoryScale, Tooltip);
				const own = hatch(OWN);
				chart = new Chart(canvas, {
					type: 'bar',
					data: {
						labels: data.labels,
						datasets: [
							{
								data: data.values,
								backgroundColor: data.values.map((_, i) => (i === data.highlighted ? own : BAR)),
								borderColor: data.values.map((_, i) => (i === data.highlighted ? '#000' : BAR)),
								borderWidth: data.values.map((_, i) => (i === data.highlighted ? 2 : 0))
							}
						]
					},
					options: {
						indexAxis: 'y',
						layout: { padding: { top: 32 } },
						responsive: true,
						maintainAspectRatio: false,
						animation: false,
						plugins: {
							legend: { display: false },
							tooltip: {
								callbacks: { label: (ctx) => data.formatValue(Number(ctx.parsed.x)) }
							}
						},
						scales: { x: { ticks: { callback: (v) => data.formatValue(Number(v)) } } }
					},
					plugins: [
						{
							id: 'referenceLines',
							afterDatasetsDraw(c) {
								const { ctx, chartArea, scales } = c;
								const x = scales['x'];
								if (!x) return;
								for (const [index, line] of data.lines.entries()) {
									const px = x.getPixelForValue(line.value);
									if (px < chartArea.left || px > chartArea.right) continue;
									ctx.save();
									ctx.strokeStyle = line.color;
									ctx.lineWidth = 2;
									ctx.setLineDash(line.dash);
									ctx.beginPath();
									ctx.moveTo(px, chartArea.top);
									ctx.lineTo(px, chartArea.bottom);
									ctx.stroke();
									ctx.fillStyle = line.color;
									ctx.font = '12px sans-serif';
									ctx.textAlign = 'center';
									// Labels on alternating rows, so close lines (median, target) stay readable.
									ctx.fillText(line.label, px, chartArea.top - 4 - (index % 2) * 14);
									ctx.restore();
								}
							}
						}
					]
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
