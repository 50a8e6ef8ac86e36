/** What the strategy map layout takes and gives (see layout.ts for the routing rules). */

export interface MapObjectiveInput {
	id: number;
	title: string;
}

export interface MapPerspectiveInput {
	id: number;
	name: string;
	objectives: readonly MapObjectiveInput[];
}

export interface MapLinkInput {
	fromObjectiveId: number;
	toObjectiveId: number;
}

export interface LayoutOptions {
	/** Width of the drawing (the SVG viewBox); grows when a lane has too many objectives. */
	width: number;
	/** Column on the left holding the perspective names. */
	laneLabelWidth: number;
	/** Average glyph width of the box text, to wrap titles without measuring. */
	charWidth: number;
	/** Average glyph width of the (bold) lane labels. */
	labelCharWidth: number;
	lineHeight: number;
	boxMaxWidth: number;
	boxMinWidth: number;
	boxPadding: number;
	/** Smallest horizontal space between two boxes of a lane (room for corridors). */
	boxGap: number;
	/** Space below the title inside a box, for the status line. */
	footerHeight: number;
	maxTitleLines: number;
	maxLabelLines: number;
	/** Distance between parallel arrow runs in a channel or corridor. */
	trackSpacing: number;
	/** Free space between a box edge and the nearest arrow run, room for the arrowhead. */
	channelMargin: number;
	/** Smallest space between the box row and the lane's top or bottom edge. */
	lanePadding: number;
	cornerRadius: number;
	/** Space a corridor keeps from the boxes it passes. */
	corridorClearance: number;
	/** Smallest distance between two arrows meeting the same box edge. */
	portSpacing: number;
	/** Distance of the outermost arrows from the box corners. */
	portInset: number;
}

export const defaultLayoutOptions: LayoutOptions = {
	width: 1000,
	laneLabelWidth: 170,
	charWidth: 7.4,
	labelCharWidth: 8.2,
	lineHeight: 18,
	boxMaxWidth: 230,
	boxMinWidth: 130,
	boxPadding: 10,
	boxGap: 40,
	footerHeight: 24,
	maxTitleLines: 5,
	maxLabelLines: 4,
	trackSpacing: 10,
	channelMargin: 16,
	lanePadding: 18,
	cornerRadius: 6,
	corridorClearance: 18,
	portSpacing: 22,
	portInset: 20
};

export interface Point {
	x: number;
	y: number;
}

export interface LaneLayout {
	perspectiveId: number;
	index: number;
	x: number;
	y: number;
	width: number;
	height: number;
	labelLines: string[];
	/** Left edge and baseline of the first label line; the label is centred vertically. */
	labelX: number;
	labelY: number;
}

export interface BoxLayout {
	objectiveId: number;
	perspectiveId: number;
	laneIndex: number;
	x: number;
	y: number;
	width: number;
	height: number;
	titleLines: string[];
	/** Left edge and baseline of the first title line. */
	textX: number;
	textY: number;
	/** Top of the status line at the bottom of the box. */
	footerY: number;
}

export type ArrowKind = 'up' | 'down' | 'same_lane';

export interface ArrowLayout {
	fromObjectiveId: number;
	toObjectiveId: number;
	kind: ArrowKind;
	/** Corner points from the edge of the cause's box to the edge of the effect's box. */
	points: Point[];
	/** SVG path data of the points with rounded corners; ends at the effect's box edge. */
	d: string;
}

export interface StrategyMapLayout {
	width: number;
	height: number;
	lineHeight: number;
	/** Width of the label column on the left. */
	labelWidth: number;
	lanes: LaneLayout[];
	boxes: BoxLayout[];
	arrows: ArrowLayout[];
}
