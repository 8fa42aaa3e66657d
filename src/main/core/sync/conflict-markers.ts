// The git-style markers the merge editor puts around lines both members changed. Kept apart from the merge itself
// (no dependencies) so the Conflicts view can check a hand-edited text for markers left in it.
export const MARKER_OURS = '<<<<<<<';
export const MARKER_SPLIT = '=======';
export const MARKER_THEIRS = '>>>>>>>';

/** How many marker lines a text still holds (0: every conflicting stretch has been settled by hand). */
export function countConflictMarkers(text: string): number {
  let n = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === MARKER_SPLIT || isMarker(line, MARKER_OURS) || isMarker(line, MARKER_THEIRS)) n++;
  }
  return n;
}

function isMarker(line: string, marker: string): boolean {
  return line === marker || line.startsWith(`${marker} `);
}
