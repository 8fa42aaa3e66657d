// A three-way merge of two versions of a note's text against the version both started from, line by line (diff3,
// as version control does). Offered as it is when it is clean; otherwise the Conflicts view's merge editor starts
// from the same merge with git-style markers around the lines both changed, for the researcher to finish.
import { diff3Merge } from 'node-diff3';
import { MARKER_OURS, MARKER_SPLIT, MARKER_THEIRS } from './conflict-markers';

/** The merged text, or null when both versions changed the same lines. */
export function mergeClean(base: string, ours: string, theirs: string): string | null {
  const merged = mergeWithMarkers(base, ours, theirs, { ours: 'ours', theirs: 'theirs' });
  return merged.conflicts === 0 ? merged.text : null;
}

export interface MarkedMerge {
  /** The merged text; each stretch both sides changed stands between `<<<<<<< ours`, `=======`, `>>>>>>> theirs`. */
  text: string;
  /** How many such stretches remain for the researcher to settle (0: the merge is clean). */
  conflicts: number;
}

/** Both versions merged line by line; where both changed the same lines, both are kept between conflict markers. */
export function mergeWithMarkers(
  base: string,
  ours: string,
  theirs: string,
  names: { ours: string; theirs: string },
): MarkedMerge {
  const regions = diff3Merge(ours.split('\n'), base.split('\n'), theirs.split('\n'), {
    excludeFalseConflicts: true,
  });
  const lines: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.conflict) {
      conflicts++;
      lines.push(
        `${MARKER_OURS} ${names.ours}`,
        ...region.conflict.a,
        MARKER_SPLIT,
        ...region.conflict.b,
        `${MARKER_THEIRS} ${names.theirs}`,
      );
    } else lines.push(...(region.ok ?? []));
  }
  return { text: lines.join('\n'), conflicts };
}

/** Both texts whole between markers: one stretch to settle by hand. */
export function markedWhole(
  ours: string,
  theirs: string,
  names: { ours: string; theirs: string },
): MarkedMerge {
  const text = [
    `${MARKER_OURS} ${names.ours}`,
    ours,
    MARKER_SPLIT,
    theirs,
    `${MARKER_THEIRS} ${names.theirs}`,
  ];
  return { text: text.join('\n'), conflicts: 1 };
}
