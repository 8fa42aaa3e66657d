import type { Highlight, Tag } from '../types';

/** What a person would consider the same tag name: NFC, trimmed, inner whitespace collapsed. */
export function normalizeTagName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const tagKey = (name: string): string => normalizeTagName(name).toLowerCase();

/** Tags are unique by name regardless of case: "Russia" and "russia " are one tag. */
export function findTagByName(tags: readonly Tag[], name: string): Tag | undefined {
  const key = tagKey(name);
  if (key === '') return undefined;
  return tags.find((t) => tagKey(t.name) === key);
}

/** How many highlights carry each tag (orphaned highlights still count: they are shown, never dropped). */
export function tagCounts(highlights: readonly Highlight[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const h of highlights) {
    for (const tagId of new Set(h.tagIds)) counts.set(tagId, (counts.get(tagId) ?? 0) + 1);
  }
  return counts;
}
