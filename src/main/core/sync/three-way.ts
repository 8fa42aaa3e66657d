// A three-way merge of two versions of a note's text against the version both started from, line by line (diff3,
// as version control does). Offered only when it is clean: when both changed the same lines, the researcher merges.
import { diff3Merge } from 'node-diff3';

/** The merged text, or null when both versions changed the same lines. */
export function mergeClean(base: string, ours: string, theirs: string): string | null {
  const regions = diff3Merge(ours.split('\n'), base.split('\n'), theirs.split('\n'), {
    excludeFalseConflicts: true,
  });
  const lines: string[] = [];
  for (const region of regions) {
    if (region.conflict) return null;
    lines.push(...(region.ok ?? []));
  }
  return lines.join('\n');
}
