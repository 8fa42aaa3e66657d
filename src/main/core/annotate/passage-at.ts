import type { Passage } from '../types';

/**
 * The passage containing `offset` (start <= offset < end), by binary search over passages sorted by start
 * (extraction order). Offsets in the blank lines between passages belong to none.
 */
export function passageAt(passages: Passage[], offset: number): Passage | undefined {
  let lo = 0;
  let hi = passages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = passages[mid];
    if (p === undefined) return undefined;
    if (offset < p.start) hi = mid - 1;
    else if (offset >= p.end) lo = mid + 1;
    else return p;
  }
  return undefined;
}
