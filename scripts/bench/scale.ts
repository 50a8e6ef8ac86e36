/**
 * The bench dataset's size (issue 18: "generate the 16-million-value dataset once"). A named
 * scale or its two dimensions from the command line; each scale lives in a database of its own,
 * so generating the stress dataset leaves the everyday 3.2 million one in `ikz_bench` alone.
 */

export interface BenchScale {
	/** `nrw`, `stress`, or `custom` for dimensions given by hand. */
	name: string;
	database: string;
	municipalities: number;
	kpisPerField: number;
	quarters: number;
	/** The last closed quarter; the dataset runs `quarters` quarters up to it. */
	lastYear: number;
	lastQuarter: number;
}

const common = { municipalities: 396, lastYear: 2026, lastQuarter: 2 };

export const SCALES = {
	/** 396 × 10 fields × 20 KPIs × 40 quarters ≈ 3.2 million values (the default). */
	nrw: { ...common, name: 'nrw', database: 'ikz_bench', kpisPerField: 20, quarters: 40 },
	/** 396 × 10 fields × 50 KPIs × 80 quarters ≈ 16 million values. */
	stress: {
		...common,
		name: 'stress',
		database: 'ikz_bench_stress',
		kpisPerField: 50,
		quarters: 80
	}
} satisfies Record<string, BenchScale>;

/** Upper bounds that keep a typo from filling the disk (50 × 80 is about 7 GB with indexes). */
const LIMITS = { kpisPerField: 200, quarters: 400 };

function count(flag: string, value: string | undefined, max: number): number {
	if (value === undefined || value.startsWith('--'))
		throw new Error(`${flag} needs a number, e.g. ${flag} 50`);
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max)
		throw new Error(`${flag} must be a whole number from 1 to ${max}, not "${value}"`);
	return Number(value);
}

/**
 * Reads `--scale nrw|stress`, `--kpis-per-field N` and `--quarters N` (each also as
 * `--flag=value`) from the bench's arguments; other arguments are left to the bench. Without any
 * of them the scale is `nrw`. Dimensions that differ from the named scale make a `custom` scale
 * in a database named after them.
 */
export function parseScale(args: readonly string[]): BenchScale {
	const values = new Map<string, string | undefined>();
	for (let i = 0; i < args.length; i++) {
		const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
		if (!['--scale', '--kpis-per-field', '--quarters'].includes(flag)) continue;
		if (values.has(flag)) throw new Error(`${flag} is given twice`);
		values.set(flag, inline ?? args[++i]);
	}
	let base: BenchScale = SCALES.nrw;
	if (values.has('--scale')) {
		const name = values.get('--scale');
		const names = Object.keys(SCALES).join(', ');
		if (name === undefined || name.startsWith('--'))
			throw new Error(`--scale needs a name: ${names}`);
		if (!Object.hasOwn(SCALES, name))
			throw new Error(`unknown scale "${name}"; known scales: ${names}`);
		base = SCALES[name as keyof typeof SCALES];
	}
	const kpisPerField = values.has('--kpis-per-field')
		? count('--kpis-per-field', values.get('--kpis-per-field'), LIMITS.kpisPerField)
		: base.kpisPerField;
	const quarters = values.has('--quarters')
		? count('--quarters', values.get('--quarters'), LIMITS.quarters)
		: base.quarters;
	if (kpisPerField === base.kpisPerField && quarters === base.quarters) return base;
	const named = Object.values(SCALES).find(
		(s) => s.kpisPerField === kpisPerField && s.quarters === quarters
	);
	if (named) return named;
	return {
		...common,
		name: 'custom',
		database: `ikz_bench_k${kpisPerField}_q${quarters}`,
		kpisPerField,
		quarters
	};
}
