/**
 * What the import page shows of a kept upload: facts, file problems, the column mapping, the
 * counts and one page of the row outcomes (filtered by outcome). Every row is reachable by
 * paging; a 100,000-row dry run never goes to the browser at once.
 */
import { z } from 'zod';
import { formatNumber, type AppLocale } from '../../format/number';
import { m } from '../../paraglide/messages';
import type { ColumnTarget } from '../../domain/delivery/columns';
import { columnLabel, fileProblemText } from './file-messages';
import type { UploadRecord } from './uploads';
import type { ShowFilter, UploadView } from '../../types/import';

export type { ShowFilter, UploadView };

export const PAGE_SIZE = 100;

export const viewQuery = z.object({
	show: z.enum(['all', 'new', 'changed', 'unchanged', 'error']).catch('all'),
	page: z.coerce.number().int().min(1).max(1_000_000).catch(1)
});

function factsText(record: UploadRecord, locale: AppLocale): string | null {
	const f = record.facts;
	if (!f) return null;
	const o = { locale };
	const format =
		f.kind === 'xlsx'
			? m.import_format_xlsx({}, o)
			: m.import_format_csv(
					{
						encoding: (f.encoding ?? '').toUpperCase().replace('-BOM', ' + BOM'),
						delimiter:
							f.delimiter === ';'
								? m.import_delimiter_semicolon({}, o)
								: f.delimiter === ','
									? m.import_delimiter_comma({}, o)
									: m.import_delimiter_tab({}, o),
						numbers:
							f.numberLocale === 'de' ? m.import_numbers_de({}, o) : m.import_numbers_en({}, o)
					},
					o
				);
	const rows = record.plan?.outcomes.length;
	return rows === undefined
		? format
		: m.import_dryrun_facts({ rows: formatNumber(rows, locale), format }, o);
}

export function uploadView(
	record: UploadRecord,
	query: { show: ShowFilter; page: number },
	locale: AppLocale
): UploadView {
	const targets: ColumnTarget[] = [
		'kpi',
		'year',
		'quarter',
		'value',
		'comment',
		'city',
		'field',
		'ignore'
	];
	const needsMapping = record.problems.some((p) =>
		['missing_columns', 'unknown_columns', 'duplicate_columns'].includes(p.problem)
	);
	const outcomes = record.plan?.outcomes ?? [];
	const groups = new Map<string, UploadView['errorGroups'][number]>();
	for (const o of outcomes) {
		if (!o.error) continue;
		const group = groups.get(o.error.code);
		if (group) group.count++;
		else
			groups.set(o.error.code, {
				code: o.error.code,
				count: 1,
				line: o.line,
				message: o.error.message
			});
	}
	const filtered = query.show === 'all' ? outcomes : outcomes.filter((o) => o.kind === query.show);
	const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
	const page = Math.min(query.page, pages);
	return {
		id: record.id,
		fileName: record.fileName,
		facts: factsText(record, locale),
		problems: record.problems.map((p) => fileProblemText(p, locale)),
		columns:
			needsMapping && record.facts
				? record.facts.header.map((header, i) => ({
						header,
						sample: record.facts!.sample[i] ?? '',
						target: record.facts!.targets[i] ?? null
					}))
				: null,
		targets: targets.map((t) => ({ value: t, label: columnLabel(t, locale) })),
		counts: record.plan?.counts ?? null,
		emptyValueCells: outcomes.filter((o) => o.emptyValueCell).length,
		errorGroups: [...groups.values()].sort((a, b) => b.count - a.count),
		show: query.show,
		page,
		pages,
		rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
	};
}
