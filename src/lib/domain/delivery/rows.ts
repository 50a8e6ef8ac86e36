/**
 * Table rows → delivery rows. Values stay text until the KPI (and its unit) is known: the
 * planner reads them with the entry grid's rule. Cells that are already numbers (XLSX) are
 * taken as they are. City and field default to the scorecard the import page belongs to.
 * An empty value cell is marked `blank` (it keeps a stored value, decision 17); a spreadsheet
 * error in any column read is passed on as the row's `fault`, which the planner refuses.
 */
import type { AppLocale } from '../../format/number';
import type { DeliveryRow } from './types';
import { columnKeys, type ColumnKey } from './columns';
import { cellText, isBlank, isFault, type Cell, type Table } from './table';
import { unguardFormula } from './formula';

export interface RowDefaults {
	city: string;
	field: string;
}

const text = (cell: Cell | undefined): string => cellText(cell).trim();

/** An AGS typed as a number in Excel loses its leading zero: 5315000 → "05315000". */
function cityText(cell: Cell | undefined, fallback: string): string {
	if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 1e8) {
		return String(cell).padStart(8, '0');
	}
	return isBlank(cell) ? fallback : text(cell);
}

function yearOf(cell: Cell | undefined): number | null {
	if (typeof cell === 'number') return cell;
	const t = text(cell);
	if (t === '') return null;
	return /^\d{4}$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * A quarter as written: 3, "3", "Q3", "3. Quartal", "Q3 2026", "2026-Q3", "Q3/2026", "3/2026".
 * The year, when the cell carries one, is used if the year cell is empty.
 */
export function quarterOf(cell: Cell | undefined): { quarter: number; year: number | null } {
	if (typeof cell === 'number') return { quarter: cell, year: null };
	const t = text(cell).toLowerCase().replace(/\s+/g, ' ');
	const only = /^(?:q ?)?([1-4])(?:\.? ?(?:quartal|quarter|qu\.?))?$/.exec(t);
	if (only) return { quarter: Number(only[1]), year: null };
	const yearFirst = /^(\d{4}) ?[-/ ] ?q ?([1-4])$/.exec(t);
	if (yearFirst) return { quarter: Number(yearFirst[2]), year: Number(yearFirst[1]) };
	const quarterFirst = /^(?:q ?)?([1-4])(?:\.? ?(?:quartal|quarter))? ?[-/ ] ?(\d{4})$/.exec(t);
	if (quarterFirst) return { quarter: Number(quarterFirst[1]), year: Number(quarterFirst[2]) };
	return { quarter: Number.NaN, year: null };
}

/** A number cell as the user's spreadsheet shows it (3,5 in German), for messages. */
const written = (cell: Cell | undefined, locale: AppLocale): string =>
	typeof cell === 'number' && locale === 'de' ? String(cell).replace('.', ',') : text(cell);

export function tableToRows(
	table: Table,
	index: Partial<Record<ColumnKey, number>>,
	defaults: RowDefaults,
	numberLocale: AppLocale
): DeliveryRow[] {
	const at = (cells: Cell[], key: ColumnKey) => {
		const i = index[key];
		return i === undefined ? undefined : cells[i];
	};
	return table.rows.map(({ line, cells }) => {
		const faulty = columnKeys.find((key) => isFault(at(cells, key)));
		const q = quarterOf(at(cells, 'quarter'));
		const year = yearOf(at(cells, 'year')) ?? q.year ?? Number.NaN;
		const valueCell = at(cells, 'value');
		const row: DeliveryRow = {
			line,
			city: cityText(at(cells, 'city'), defaults.city),
			field: isBlank(at(cells, 'field')) ? defaults.field : text(at(cells, 'field')),
			kpi: text(at(cells, 'kpi')),
			year,
			quarter: q.quarter,
			value: typeof valueCell === 'number' ? valueCell : null,
			comment: unguardFormula(text(at(cells, 'comment')))
		};
		if (typeof valueCell === 'string' && valueCell.trim() !== '') {
			row.raw = { text: valueCell, locale: numberLocale };
		}
		if (isBlank(valueCell)) row.blank = true;
		if (!Number.isInteger(year) || !Number.isInteger(q.quarter)) {
			row.written = {
				year: written(at(cells, 'year'), numberLocale),
				quarter: written(at(cells, 'quarter'), numberLocale)
			};
		}
		if (faulty !== undefined) {
			const fault = at(cells, faulty);
			if (isFault(fault)) row.fault = { column: faulty, ...fault };
		}
		return row;
	});
}
