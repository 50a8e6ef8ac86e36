import type { DbOrTx } from '../db/types';
import { visibleStates, type Viewer } from '../auth/viewer';
import { assembleScorecard } from '../../domain/scorecard/assemble';
import type { ScorecardView } from '../../domain/scorecard/types';
import {
	findScorecard,
	loadMeasurements,
	loadStructureWithTargetsAndVersions,
	type ScorecardHeader
} from './queries';

export interface ScorecardPage extends ScorecardView {
	header: ScorecardHeader;
}

/** Three reads, the last two concurrently (structure, targets and versions in one); nothing per KPI, so the count does not grow with size. */
export async function loadScorecardPage(
	db: DbOrTx,
	viewer: Viewer,
	organisationSlug: string,
	fieldSlug: string,
	locale: 'de' | 'en'
): Promise<ScorecardPage | null> {
	const header = await findScorecard(db, organisationSlug, fieldSlug);
	if (!header) return null;
	const states = visibleStates(viewer, header.organisation.id);
	const [{ structure, targets, versions }, measurements] = await Promise.all([
		loadStructureWithTargetsAndVersions(db, header.scorecardId),
		loadMeasurements(db, header.organisation.id, header.scorecardId, states)
	]);
	return { header, ...assembleScorecard({ structure, versions, targets, measurements, locale }) };
}
