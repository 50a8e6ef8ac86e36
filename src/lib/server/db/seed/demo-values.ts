/**
 * Deterministic demo values: the same input always gives the same rows, so demo installations,
 * tests and screenshots agree. No Math.random, no clock.
 */
import { catalogue, CATALOGUE_VALID_FROM, type Bands, type CatalogueKpi } from './catalogue';
import { referenceCities } from './reference';
import { referenceDirectory } from '../../directory/reference-data';

export interface Quarter {
	year: number;
	quarter: number;
}

export type DemoState = 'draft' | 'submitted' | 'released';

export interface DemoCity {
	slug: string;
	inhabitants: number;
}

export interface DemoMeasurement {
	organisationSlug: string;
	kpiCode: string;
	year: number;
	quarter: number;
	/** The KPI figure as defined (already per 1,000 inhabitants or per case), rounded. */
	value: string;
	/** per_case only: the number of cases behind the value, an integer as string. */
	caseCount: string | null;
	/** Number(value): the figure targets apply to. */
	comparable: number;
	state: DemoState;
	comment: string;
	/** The KPI version the value was entered under. */
	versionValidFrom: Quarter;
	updatedAt: Date;
	releasedAt: Date | null;
}

/** 12 quarters, 2023 Q4 … 2026 Q3. */
export const DEMO_QUARTERS: readonly Quarter[] = Array.from({ length: 12 }, (_, i) => ({
	year: 2023 + Math.floor((i + 3) / 4),
	quarter: ((i + 3) % 4) + 1
}));
export const DEMO_TARGET_YEARS: readonly number[] = [2024, 2025, 2026];
/** The quarter still being entered: its states are mixed. */
export const DEMO_OPEN_QUARTER: Quarter = { year: 2026, quarter: 3 };
export const DEMO_GAP_RATE = 0.03;
/** Absolute totals of a KPI with scalesWithPopulation are given for a city of this size. */
const REFERENCE_INHABITANTS = 300_000;

const INCIDENT_COMMENTS = [
	'Personalengpass durch Krankheitswelle',
	'Umstellung des Fachverfahrens, Rückstände werden abgebaut',
	'Zwei Stellen unbesetzt, Nachbesetzung läuft',
	'Saisonales Spitzenaufkommen, Aushilfen eingesetzt',
	'Sondereffekt: Datenbereinigung im Quartal'
] as const;
const SUCCESS_COMMENTS = [
	'Neues Terminmanagement zeigt Wirkung',
	'Prozess nach Empfehlung des Arbeitskreises umgestellt',
	'Zusätzliche Schulungen abgeschlossen'
] as const;
const DRAFT_COMMENT = 'Wert vorläufig, Abstimmung mit dem Fachbereich läuft';

/** FNV-1a, 32 bit. */
function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A PRNG keyed by names, e.g. rng('koeln', 'D115-SL30'). */
export function rng(...key: string[]): () => number {
	return mulberry32(hashString(key.join('|')));
}

/** Standard normal draw (Box–Muller), clipped to ±3. */
function gaussian(next: () => number): number {
	const u = Math.max(next(), 1e-12);
	const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
	return Math.max(-3, Math.min(3, z));
}

function pick<T>(items: readonly T[], next: () => number): T {
	const item = items[Math.floor(next() * items.length)];
	if (item === undefined) throw new Error('pick from an empty list');
	return item;
}

export function compareQuarters(a: Quarter, b: Quarter): number {
	return a.year - b.year || a.quarter - b.quarter;
}

/** The version valid in a quarter: the latest whose validity starts on or before it. */
export function versionFor(
	kpi: CatalogueKpi,
	period: Quarter
): { validFrom: Quarter; shift: number } {
	let current: { validFrom: Quarter; shift: number } = {
		validFrom: { year: CATALOGUE_VALID_FROM.year, quarter: CATALOGUE_VALID_FROM.quarter },
		shift: 0
	};
	for (const r of kpi.revisions) {
		const validFrom = { year: r.validFromYear, quarter: r.validFromQuarter };
		if (compareQuarters(validFrom, period) <= 0) current = { validFrom, shift: r.demoLevelShift };
	}
	return current;
}

/** +1: higher values are better, -1: lower ones, 0: a corridor. */
function direction(kpi: CatalogueKpi): number {
	if (kpi.polarity === 'higher_is_better') return 1;
	if (kpi.polarity === 'lower_is_better') return -1;
	return 0;
}

function scaleFor(kpi: CatalogueKpi, inhabitants: number): number {
	return kpi.denominator === 'none' && kpi.demo.scalesWithPopulation
		? inhabitants / REFERENCE_INHABITANTS
		: 1;
}

function clampToUnit(kpi: CatalogueKpi, value: number): number {
	const nonNegative = Math.max(0, value);
	return kpi.unit === 'percent' ? Math.min(100, nonNegative) : nonNegative;
}

export function demoCities(): DemoCity[] {
	// Zensus 2022 from the official directory, the denominator the seeded cities get.
	const official = new Map(referenceDirectory().municipalities.map((m) => [m.ags, m.inhabitants]));
	return referenceCities.map((c) => ({
		slug: c.slug,
		inhabitants: official.get(c.ags ?? '') ?? 0
	}));
}

/** Released values are released on the 20th of the month after the quarter, 09:00 UTC. */
export function releasedAtFor(period: Quarter): Date {
	return new Date(Date.UTC(period.year, period.quarter * 3, 20, 9, 0, 0));
}

/** Drafts and submissions were last touched on the 10th of the month after the quarter. */
function enteredAtFor(period: Quarter): Date {
	return new Date(Date.UTC(period.year, period.quarter * 3, 10, 14, 30, 0));
}

function quarterIndex(period: Quarter): number {
	return (period.year - 2023) * 4 + period.quarter - 4;
}

/**
 * State of every value of a city and field in the open quarter; null: nothing entered yet.
 * Two cities have entered nothing; the others are mostly released, some submitted or draft.
 */
export function openQuarterStates(
	cities: readonly DemoCity[],
	fieldSlugs: readonly string[]
): Map<string, DemoState | null> {
	const silent = new Set(
		[...cities]
			.sort((a, b) => hashString(`${a.slug}|silent`) - hashString(`${b.slug}|silent`))
			.slice(0, 2)
			.map((c) => c.slug)
	);
	const states = new Map<string, DemoState | null>();
	for (const city of cities) {
		for (const field of fieldSlugs) {
			const u = rng(city.slug, field, 'open-state')();
			const state: DemoState = u < 0.7 ? 'released' : u < 0.85 ? 'submitted' : 'draft';
			states.set(`${city.slug}|${field}`, silent.has(city.slug) ? null : state);
		}
	}
	return states;
}

function roundTo(value: number, decimals: number): string {
	return value.toFixed(decimals);
}

/** Target bands of a city for a KPI and year: the common target, else derived from the demo level. */
export function demoTargetBands(kpi: CatalogueKpi, city: DemoCity, year: number): Bands {
	if (kpi.commonTarget) return kpi.commonTarget;
	const { demo } = kpi;
	const midYear = quarterIndex({ year, quarter: 1 }) + 1.5;
	const shift = versionFor(kpi, { year, quarter: 4 }).shift;
	const reference =
		demo.level * (1 + demo.trend * midYear) * (1 + shift) * scaleFor(kpi, city.inhabitants);
	// Cities set slightly different ambitions (±3 %).
	const ambition = 1 + 0.03 * (2 * rng(city.slug, kpi.code, 'ambition')() - 1);
	const tolerance = Math.min(0.25, Math.max(0.05, 2 * demo.noise));
	const d = kpi.decimals;
	if (kpi.polarity === 'higher_is_better') {
		let green = reference * ambition;
		if (kpi.unit === 'percent') green = Math.min(green, 99);
		return {
			greenMin: roundTo(green, d),
			greenMax: null,
			yellowMin: roundTo(green * (1 - tolerance), d),
			yellowMax: null
		};
	}
	if (kpi.polarity === 'lower_is_better') {
		const green = reference / ambition;
		return {
			greenMin: null,
			greenMax: roundTo(green, d),
			yellowMin: null,
			yellowMax: roundTo(green * (1 + tolerance), d)
		};
	}
	const half = Math.max(0.05, 1.5 * demo.noise);
	return {
		greenMin: roundTo(reference * (1 - half), d),
		greenMax: roundTo(reference * (1 + half), d),
		yellowMin: roundTo(reference * (1 - half - tolerance), d),
		yellowMax: roundTo(reference * (1 + half + tolerance), d)
	};
}

/** The series of one city and KPI, before gaps and states. */
function series(kpi: CatalogueKpi, city: DemoCity) {
	const next = rng(city.slug, kpi.code);
	const { demo } = kpi;
	const dir = direction(kpi);
	// Some cities run better in general; each KPI adds its own deviation.
	const quality = 2 * rng(city.slug, 'quality')() - 1;
	const own = Math.max(-1, Math.min(1, gaussian(next) / 2));
	const z = dir === 0 ? own : 0.5 * quality * dir + 0.6 * own;
	const cityLevel = demo.level * (1 + demo.spread * z);
	// Trends differ between cities; a small drift lets some slip back.
	const cityTrend = demo.trend * (0.3 + 1.4 * next()) + 0.006 * (next() - 0.5);
	const scale = scaleFor(kpi, city.inhabitants);

	return DEMO_QUARTERS.map((period) => {
		const t = quarterIndex(period);
		const season = demo.seasonality?.[period.quarter - 1] ?? 1;
		const version = versionFor(kpi, period);
		let level = cityLevel * (1 + cityTrend * t) * season * (1 + version.shift);
		level *= 1 + demo.noise * gaussian(next);
		let comment = '';
		const event = next();
		if (event < 0.035 && kpi.aggregation !== 'last') {
			// An incident pushes the value clearly to the bad side.
			const push = Math.max(0.12, 3 * demo.noise);
			const bad = dir === 0 ? (next() < 0.5 ? -1 : 1) : -dir;
			level *= 1 + bad * push;
			comment = pick(INCIDENT_COMMENTS, next);
		} else if (event > 0.99) {
			level *= 1 + (dir === 0 ? 0 : dir * Math.max(0.05, demo.noise));
			comment = pick(SUCCESS_COMMENTS, next);
		}
		const gap = next() < DEMO_GAP_RATE;
		const caseNoise = gaussian(next);
		const draftNote = next() < 0.3;
		const comparable = clampToUnit(kpi, level * scale);
		return { period, comparable, comment, gap, caseNoise, draftNote, version };
	});
}

function measurementFor(
	kpi: CatalogueKpi,
	city: DemoCity,
	point: ReturnType<typeof series>[number]
): Pick<DemoMeasurement, 'value' | 'caseCount' | 'comparable'> {
	const value = roundTo(point.comparable, kpi.decimals);
	let caseCount: string | null = null;
	if (kpi.denominator === 'per_case') {
		const season = kpi.demo.seasonality?.[point.period.quarter - 1] ?? 1;
		const expected = ((kpi.demo.casesPer1000 ?? 10) * city.inhabitants) / 1000;
		caseCount = String(Math.max(1, Math.round(expected * season * (1 + 0.05 * point.caseNoise))));
	}
	return { value, caseCount, comparable: Number(value) };
}

/** All demo values of the given cities and KPIs, ordered by city, KPI and quarter. */
export function generateDemoMeasurements(
	cities: readonly DemoCity[] = demoCities(),
	kpis: readonly CatalogueKpi[] = catalogue
): DemoMeasurement[] {
	const fieldSlugs = [...new Set(kpis.map((k) => k.fieldSlug))];
	const openStates = openQuarterStates(cities, fieldSlugs);
	const rows: DemoMeasurement[] = [];
	for (const city of cities) {
		for (const kpi of kpis) {
			for (const point of series(kpi, city)) {
				if (point.gap) continue;
				const isOpen = compareQuarters(point.period, DEMO_OPEN_QUARTER) === 0;
				const state = isOpen ? openStates.get(`${city.slug}|${kpi.fieldSlug}`) : 'released';
				if (!state) continue;
				const firstOfVersion =
					compareQuarters(point.version.validFrom, point.period) === 0 &&
					compareQuarters(point.version.validFrom, CATALOGUE_VALID_FROM) !== 0;
				const comment = firstOfVersion
					? 'Erster Wert nach neuer Definition (Zeitreihenbruch)'
					: state === 'draft' && point.draftNote && !point.comment
						? DRAFT_COMMENT
						: point.comment;
				const releasedAt = state === 'released' ? releasedAtFor(point.period) : null;
				rows.push({
					organisationSlug: city.slug,
					kpiCode: kpi.code,
					year: point.period.year,
					quarter: point.period.quarter,
					...measurementFor(kpi, city, point),
					state,
					comment,
					versionValidFrom: point.version.validFrom,
					updatedAt: releasedAt ?? enteredAtFor(point.period),
					releasedAt
				});
			}
		}
	}
	return rows;
}
