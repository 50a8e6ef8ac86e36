import { m } from '../../paraglide/messages';
import type { RowProblem } from '../../domain/directory/official-rows';
import type { DirectoryProblem } from '../../domain/directory/population-plan';

/** The words for why a row of a population file was refused. */
export function problemMessage(problem: RowProblem | DirectoryProblem): string {
	switch (problem) {
		case 'ags_format':
			return m.directory_problem_ags_format();
		case 'ags_not_nrw':
			return m.directory_problem_ags_not_nrw();
		case 'name_missing':
			return m.directory_problem_name_missing();
		case 'kreis_missing':
			return m.directory_problem_kreis_missing();
		case 'regierungsbezirk_mismatch':
			return m.directory_problem_regierungsbezirk_mismatch();
		case 'inhabitants_invalid':
			return m.directory_problem_inhabitants_invalid();
		case 'duplicate_ags':
			return m.directory_problem_duplicate_ags();
		case 'ags_unknown':
			return m.directory_problem_ags_unknown();
		case 'name_mismatch':
			return m.directory_problem_name_mismatch();
		case 'kreis_mismatch':
			return m.directory_problem_kreis_mismatch();
	}
}
