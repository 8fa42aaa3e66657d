// What retrieval and the pictures answer, as plain data: these cross IPC / HTTP as JSON and the renderer draws
// them. Only types here (the renderer's type check includes this file).
import type { Highlight } from '../types';

export interface CodedSegment {
  highlight: Highlight;
  articleTitle: string;
  source: string | null;
  author: string | null;
  published: string | null;
}

export interface CodedSegments {
  /** Matching segments (the page is `segments`). */
  total: number;
  /** Articles they come from. */
  articles: number;
  /** Matching segments carrying each tag (by id, the tag itself, not its sub-tags). */
  perTag: Record<string, number>;
  segments: CodedSegment[];
}

export interface MatrixRow {
  id: string;
  /** "Actors / Russia". */
  path: string;
  color: string;
}

export interface DocumentColumn {
  /** The article id, or the source as written ('' for no known source). */
  key: string;
  label: string;
}

export interface CodeDocumentMatrix {
  by: 'article' | 'source';
  rows: MatrixRow[];
  columns: DocumentColumn[];
  /** cells[row][column]: segments of the row's tag in the column's article or source. */
  cells: number[][];
  rowTotals: number[];
  /** Columns left out (the fewest segments) to keep the picture readable; their counts are in the row totals. */
  hiddenColumns: number;
}

export interface CooccurrenceMatrix {
  rows: MatrixRow[];
  /** cells[row][column]: segments of the row's tag that overlap a segment of the column's tag. */
  cells: number[][];
}

export interface TimeSeries {
  id: string;
  path: string;
  color: string;
  /** One count per entry of `months`. */
  counts: number[];
  /** Segments in articles with no known date (not in any month). */
  undated: number;
}

export interface CodesOverTime {
  /** `YYYY-MM`, consecutive. */
  months: string[];
  series: TimeSeries[];
}
