// What the notebook must hold, from the acknowledged writes alone. Entities are keyed by a model id (`mid`) that
// never changes (renames, undo, the Trash), so the same entity is followed whatever its title becomes; the server's
// own ids are learnt separately. Comparing with the server goes through natural keys (titles, names, ranges),
// which both sides have without knowing the other's ids.

export interface ModelNote {
  title: string;
  body: string;
}
export interface ModelArticle {
  /** The uploaded file's name: unique, and what the import report names. */
  file: string;
  title: string;
  author: string | null;
  text: string;
  passages: { start: number; end: number }[];
}
export interface ModelTag {
  name: string;
}
export interface ModelHighlight {
  article: string;
  start: number;
  end: number;
  memo: string;
  tags: string[];
}
export type ModelTrash =
  | { kind: 'note'; title: string; note: ModelNote }
  | { kind: 'article'; title: string; article: ModelArticle; highlights: [string, ModelHighlight][] };

export interface ModelState {
  notes: Map<string, ModelNote>;
  articles: Map<string, ModelArticle>;
  tags: Map<string, ModelTag>;
  highlights: Map<string, ModelHighlight>;
  /** Keyed by the mid of the note or article in the Trash (the server keys it by that entity's id). */
  trash: Map<string, ModelTrash>;
}

export const emptyState = (): ModelState => ({
  notes: new Map(),
  articles: new Map(),
  tags: new Map(),
  highlights: new Map(),
  trash: new Map(),
});

export const cloneState = (s: ModelState): ModelState => structuredClone(s);

/**
 * The notebook as a flat map `entry → value`, by natural keys: what a researcher would see and what the server's
 * answers give without any id mapping. Two states are the same notebook when these maps are equal.
 */
export function canonical(s: ModelState): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of s.notes.values()) out.set(`note “${n.title}”`, n.body);
  for (const a of s.articles.values()) out.set(`article “${a.title}”`, `author=${a.author ?? '(none)'}`);
  for (const t of s.tags.values()) out.set(`tag “${t.name}”`, '');
  for (const h of s.highlights.values()) {
    const article = s.articles.get(h.article)?.title ?? `(missing article ${h.article})`;
    const names = h.tags.map((t) => s.tags.get(t)?.name ?? `(missing tag ${t})`).sort();
    out.set(highlightKey(article, h.start, h.end), `memo=${h.memo} tags=${names.join(',')}`);
  }
  for (const t of s.trash.values()) out.set(`trash ${t.kind} “${t.title}”`, '');
  return out;
}

export const highlightKey = (articleTitle: string, start: number, end: number): string =>
  `highlight ${start}–${end} of “${articleTitle}”`;

export interface Difference {
  entry: string;
  expected: string | undefined;
  found: string | undefined;
}

export function differences(expected: Map<string, string>, found: Map<string, string>): Difference[] {
  const out: Difference[] = [];
  for (const [entry, value] of expected) {
    if (found.get(entry) !== value) out.push({ entry, expected: value, found: found.get(entry) });
  }
  for (const [entry, value] of found) {
    if (!expected.has(entry)) out.push({ entry, expected: undefined, found: value });
  }
  return out;
}

// ---- search expectations ----

/** A probe is a query whose right answer follows from the model: a unique word, an author or a tag name. */
export interface Probe {
  key: string;
  query: string;
}

export const wordProbe = (word: string): Probe => ({ key: `word ${word}`, query: word });
export const authorProbe = (author: string): Probe => ({
  key: `author ${author}`,
  query: `author:"${author}"`,
});
export const tagProbe = (name: string): Probe => ({ key: `tag ${name}`, query: `tag:${name}` });

const WORD = /[a-z]{10}/g;
const wordsOf = (text: string): string[] => text.match(WORD) ?? [];

/**
 * For every probe a state can answer: the entities (by mid) a search must find. Words are the generated
 * ten-letter tokens (nothing else in the texts has ten lowercase letters in a row).
 */
export function expectedAnswers(s: ModelState): Map<string, { probe: Probe; mids: Set<string> }> {
  const out = new Map<string, { probe: Probe; mids: Set<string> }>();
  const add = (probe: Probe, mid: string) => {
    const entry = out.get(probe.key) ?? { probe, mids: new Set<string>() };
    entry.mids.add(mid);
    out.set(probe.key, entry);
  };
  for (const [mid, n] of s.notes) for (const w of wordsOf(`${n.title}\n${n.body}`)) add(wordProbe(w), mid);
  for (const [mid, a] of s.articles) {
    for (const w of wordsOf(`${a.title}\n${a.text}`)) add(wordProbe(w), mid);
    for (const w of wordsOf(a.author ?? '')) add(authorProbe(w), mid);
  }
  for (const h of s.highlights.values()) {
    if (!s.articles.has(h.article)) continue;
    for (const t of h.tags) {
      const name = s.tags.get(t)?.name;
      if (name) add(tagProbe(name), h.article);
    }
  }
  return out;
}

/** Probes whose answer differs between two states: what a change set must have changed in the index. */
export function changedProbes(before: ModelState, after: ModelState): Probe[] {
  const a = expectedAnswers(before);
  const b = expectedAnswers(after);
  const out: Probe[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    const same = x && y && x.mids.size === y.mids.size && [...x.mids].every((m) => y.mids.has(m));
    if (!same) out.push((x ?? y)?.probe ?? wordProbe(key));
  }
  return out;
}
