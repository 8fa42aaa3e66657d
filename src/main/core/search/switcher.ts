// The quick switcher: fuzzy matching over short strings (article, note and tag titles), where fuse.js is the
// right tool (GUIDE §4: a few ms over 1k titles). Passage text never goes through here.

import Fuse, { type IFuseOptions } from 'fuse.js';
import type { SwitcherItem } from '../api-contract';

/** fuse.js settings for short titles with a detail line: the switcher, and `[[` completion in notes. */
export const titleFuseOptions = <T extends { title: string; detail: string }>(): IFuseOptions<T> => ({
  keys: [
    // The title is what people type; the detail (source, date, kind) only breaks ties between similar titles.
    { name: 'title', weight: 1 },
    { name: 'detail', weight: 0.15 },
  ],
  // 0 = exact only, 1 = anything. 0.35 keeps one or two typos in a short word ("fomn" → "Fomin") but drops
  // titles that merely share a few scattered letters with the query.
  threshold: 0.35,
  // Titles are short and the matching word can be anywhere in them ("Russia" in "Ties of Myanmar with Russia"):
  // without this fuse.js penalises matches far from the start, and a late word falls below the threshold.
  ignoreLocation: true,
  // People type "Pantsir" for "Pantšir" and "naive" for "naïve".
  ignoreDiacritics: true,
  // Scores are needed to keep fuse's ranking; equal scores keep the given order (fuse sorts stably by index).
  includeScore: true,
  // A single matching character is noise in a switcher.
  minMatchCharLength: 2,
  // Match word by word, so "myanmar russia" finds "Ties of Myanmar with Russia" (plain bitap needs the words
  // adjacent) and word order does not matter; every typed word must match somewhere (AND), as in the search box.
  useTokenSearch: true,
  tokenMatch: 'all',
});

const FUSE_OPTIONS = titleFuseOptions<SwitcherItem>();

/**
 * Builds the switcher once per item list (fuse indexes the titles up front); the returned function answers
 * each keystroke. An empty query lists the first `limit` items in the order given (e.g. recent first).
 */
export function createSwitcher(items: SwitcherItem[]): (query: string, limit: number) => SwitcherItem[] {
  const fuse = new Fuse(items, FUSE_OPTIONS);
  return (query, limit) => {
    const q = query.trim();
    if (limit <= 0) return [];
    if (q === '') return items.slice(0, limit);
    return fuse.search(q, { limit }).map((r) => r.item);
  };
}
