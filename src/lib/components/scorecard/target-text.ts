import type { Bands, Polarity } from '$lib/domain/status/status';
import { m } from '$lib/paraglide/messages';

/** "mind. 75,0 %", "höchstens 10,0 Tage", "4,0 % bis 6,0 %" from the green band. */
export function targetText(
	bands: Bands | null,
	polarity: Polarity,
	format: (value: number) => string
): string {
	if (!bands) return m.no_target();
	const { greenMin, greenMax } = bands;
	if (polarity === 'target_band' && greenMin !== null && greenMax !== null) {
		return m.target_between({ min: format(greenMin), max: format(greenMax) });
	}
	if (greenMin !== null && greenMax === null) return m.target_at_least({ value: format(greenMin) });
	if (greenMax !== null && greenMin === null) return m.target_at_most({ value: format(greenMax) });
	if (greenMin !== null && greenMax !== null) {
		return m.target_between({ min: format(greenMin), max: format(greenMax) });
	}
	return m.no_target();
}
