/** Widest a chart may be on paper: A4 portrait's text width at 96 dpi, with a little room. */
export const PRINT_WIDTH = 680;

export interface PrintableChart {
	destroy(): void;
	resize(width?: number, height?: number): void;
	canvas: HTMLCanvasElement | null;
}

/**
 * chart.js sizes its canvas for the screen; the browser prints that bitmap as it is, so a wide
 * chart overflows the page. Before printing the chart is redrawn at the paper's width (chart.js's
 * documented recipe), afterwards back at the screen's. Returns the cleanup for the attachment.
 */
export function fitChartToPrint(chart: PrintableChart): () => void {
	const before = () => {
		const parent = chart.canvas?.parentElement;
		const width = Math.min(parent?.clientWidth ?? PRINT_WIDTH, PRINT_WIDTH);
		chart.resize(width, parent?.clientHeight || undefined);
	};
	const after = () => chart.resize();
	window.addEventListener('beforeprint', before);
	window.addEventListener('afterprint', after);
	return () => {
		window.removeEventListener('beforeprint', before);
		window.removeEventListener('afterprint', after);
	};
}
