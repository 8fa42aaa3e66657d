/**
 * Tag colours. Each has at least 3:1 contrast (WCAG non-text UI) against white and against a dark
 * background (#1e1e1e), so chips and underlines stay visible in both themes; hues are spread around the wheel
 * so neighbouring tags are told apart.
 */
export const TAG_PALETTE = [
  '#e03131', // red
  '#1c7ed6', // blue
  '#2f9e44', // green
  '#e8590c', // orange
  '#7950f2', // violet
  '#0c8599', // teal
  '#d6336c', // pink
  '#c27c0e', // amber
  '#ae3ec9', // grape
  '#5c940d', // lime
  '#a0785a', // brown
  '#868e96', // grey
] as const;

/**
 * The colour for a new tag: the first palette colour no tag uses yet; once all are taken, the least used one
 * (palette order breaks ties), so colours stay as distinct as the palette allows.
 */
export function nextTagColor(used: readonly string[]): string {
  const counts = new Map<string, number>(TAG_PALETTE.map((c) => [c, 0]));
  for (const c of used) {
    const key = c.toLowerCase();
    const n = counts.get(key);
    if (n !== undefined) counts.set(key, n + 1);
  }
  let best: string = TAG_PALETTE[0];
  let bestCount = Infinity;
  for (const c of TAG_PALETTE) {
    const n = counts.get(c) ?? 0;
    if (n < bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}
