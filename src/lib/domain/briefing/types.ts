import type { Quarter } from '../period/quarter';
import type { Status } from '../status/status';
import type { Distribution } from '../statistics/distribution';
import type { KeyKpiPosition, Mover, OverviewRow } from '../compare/overview';
import type { MeasurementState } from '../scorecard/types';
import type { FactorKind, NoteKind } from '../exchange/kinds';
import type { KpiUnit } from '../../format/number';

/** A note of the experience exchange on a value, as the briefing quotes it. */
export interface BriefingNote {
	kind: NoteKind;
	body: string;
	authorName: string;
	writtenAt: Date;
}

/** A red or amber KPI of the quarter with what the city wrote about it. */
export interface AttentionKpi {
	field: string;
	perspective: string;
	kpiId: number;
	code: string;
	name: string;
	unit: KpiUnit;
	decimals: number;
	quarter: Quarter;
	value: number;
	state: MeasurementState | null;
	status: Extract<Status, 'red' | 'yellow'>;
	score: number | null;
	comment: string;
	notes: BriefingNote[];
}

/** One city's released value in the ring, for the chart and the rank. */
export interface RingValue {
	city: string;
	value: number;
	own: boolean;
}

/** A key KPI against the ring: the overview's position plus the spread and the rank. */
export interface RingStanding extends KeyKpiPosition {
	distribution: Distribution | null;
	/** 1 = best; null for a target band (no better or worse) or without comparison values. */
	rank: number | null;
	/** Cities ranked, the own city included. */
	rankOf: number;
	values: RingValue[];
}

export interface BriefingPilot {
	field: string;
	title: string;
	status: string;
	leadName: string;
	/** The city leads this pilot. */
	lead: boolean;
	startYear: number;
	endYear: number;
	/** Cents; null without planned lines. */
	npvPlanned: number | null;
	plannedBenefitsToDate: number | null;
	realisedBenefits: number | null;
	lastActualYear: number | null;
}

export interface BriefingFactor {
	field: string;
	code: string;
	name: string;
	quarter: Quarter;
	kind: FactorKind;
	explanation: string;
	estimatedEffect: string;
}

/** Everything one city's briefing for one quarter shows, already cut to what the reader may see. */
export interface Briefing {
	city: { slug: string; name: string };
	quarter: Quarter;
	/** The reader belongs to the city: its unreleased values are included and marked. */
	own: boolean;
	/** The quarter's last day (ISO date): the date the figures report on. */
	reportingDate: string;
	/** The newest change to any value the briefing shows; null without values. */
	dataAsOf: Date | null;
	printedAt: Date;
	columns: { column: string; name: string }[];
	rows: OverviewRow[];
	attention: AttentionKpi[];
	improvements: Mover[];
	declines: Mover[];
	fields: { field: string; standings: RingStanding[] }[];
	pilots: BriefingPilot[];
	factors: BriefingFactor[];
}
