// A text changed elsewhere becomes the smallest change to the editor's text: the common start and end stay, so
// the caret, the selection and the scroll position map through it wherever they were outside the changed span.
import type { ChangeSpec, Text } from '@codemirror/state';

export function minimalChange(doc: Text, next: string): ChangeSpec | null {
  const current = doc.toString();
  if (current === next) return null;
  const max = Math.min(current.length, next.length);
  let start = 0;
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  )
    end++;
  // Never split a surrogate pair.
  if (start > 0 && isHigh(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLow(current.charCodeAt(current.length - end))) end--;
  return { from: start, to: current.length - end, insert: next.slice(start, next.length - end) };
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
