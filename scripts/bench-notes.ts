// `npm run bench:notes [-- --articles 10000] [--notes 1000]`: issue 13's core figures, in process over synthetic
// records (no import needed): `[[` suggestions over 10,000 articles + 1,000 notes + tags (the same segments and
// ranking linkSuggest uses), the whole-notebook graph built from note links (about 30 links a note, so ~30,000
// edges), and a local graph around one note. Prints each figure beside its budget. The UI figures (typing in a
// 50,000-word note, opening it, the graph's first frame and panning) are measured in Chromium, not here.
import { parseArgs } from 'node:util';
import type { LinkSource } from '../src/main/core/notes/link-targets';
import { localGraph, notebookGraph, graphKey } from '../src/main/core/notes/graph';
import {
  articleItems,
  noteItems,
  SuggestSegment,
  suggestLinks,
  tagItems,
} from '../src/main/core/notes/suggest';
import type { ArticleRecord, Note, RecordKind, RecordTypes, Tag } from '../src/main/core/types';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    notes: { type: 'string', default: '1000' },
  },
});
const articleCount = Number(values.articles);
const noteCount = Number(values.notes);
const LINKS_PER_NOTE = 30;
const BUDGET = { suggestP95: 30, graphData: 1000 };

// A deterministic word stream (xorshift), so every run measures the same titles.
let seed = 2463534242;
const rand = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const WORDS = (
  'myanmar russia junta arms deal sukhoi jets drones border trade rice jade mining election protest ' +
  'ministry defence navy port pipeline gas oil china thailand india refugees ceasefire militia sanctions ' +
  'bank currency inflation fuel power grid telecom internet court prison general minister visit summit'
).split(' ');
const pick = (): string => WORDS[Math.floor(rand() * WORDS.length)] ?? 'word';
const title = (n: number): string =>
  Array.from({ length: n }, pick)
    .join(' ')
    .replace(/^./, (c) => c.toUpperCase());

const at = '2026-11-22T10:00:00.000Z';
const articles: ArticleRecord[] = Array.from({ length: articleCount }, (_, i) => ({
  id: `a${i}`,
  title: `${title(4 + Math.floor(rand() * 6))} ${i}`,
  author: null,
  published: '2026-01-01',
  source: 'The Irrawaddy',
  url: null,
  language: 'en',
  format: 'txt',
  file: `${i}.txt`,
  sourceHash: `s${i}`,
  textHash: `t${i}`,
  words: 800,
  passageCount: 20,
  importedAt: at,
}));
const tags: Tag[] = Array.from({ length: 100 }, (_, i) => ({
  id: `t${i}`,
  name: `${pick()}-${i}`,
  parentId: null,
  description: '',
  order: i,
  color: '#3366cc',
  memo: '',
  createdAt: at,
}));
const notes: Note[] = Array.from({ length: noteCount }, (_, i) => {
  const links = Array.from({ length: LINKS_PER_NOTE }, () =>
    rand() < 0.8
      ? `[[${articles[Math.floor(rand() * articles.length)]?.title ?? ''}]]`
      : `[[Note ${Math.floor(rand() * noteCount)} ${pick()}]]`,
  );
  return {
    id: `n${i}`,
    title: `Note ${i} ${pick()}`,
    body: `# Note ${i}\n\n${links.join(' and ')}.\n`,
    createdAt: at,
    updatedAt: at,
  };
});
// Note titles above end in a random word; links to "Note i word" mostly miss, as unwritten notes do.

const records: { [K in RecordKind]: RecordTypes[K][] } = {
  article: articles,
  tag: tags,
  highlight: [],
  note: notes,
  trash: [],
};
const index = <T extends { id: string }>(list: T[]): Map<string, T> => new Map(list.map((r) => [r.id, r]));
const byKind: { [K in RecordKind]: Map<string, RecordTypes[K]> } = {
  article: index(articles),
  tag: index(tags),
  highlight: new Map(),
  note: index(notes),
  trash: new Map(),
};
const store: LinkSource = {
  get: <K extends RecordKind>(kind: K, id: string) => byKind[kind].get(id),
  list: <K extends RecordKind>(kind: K) => records[kind],
};

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number): string => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const row = (figure: string, value: number, budget: number | null): string =>
  `| ${figure.padEnd(58)} | ${ms(value).padStart(9)} | ${budget === null ? '—'.padEnd(9) : `≤ ${String(budget).padStart(4)} ms`} | ${budget === null ? ' ' : value <= budget ? '✓' : '✗'} |`;

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

const [segments, buildMs] = time(() => [
  new SuggestSegment(noteItems(notes)),
  new SuggestSegment(articleItems(articles)),
  new SuggestSegment(tagItems(tags, () => 3)),
]);

// What a person types after `[[`: prefixes of real titles, one typo, and words from the middle.
const queries: string[] = [];
for (let i = 0; i < 60; i++) {
  const t = articles[Math.floor(rand() * articles.length)]?.title ?? '';
  for (const n of [2, 4, 7, 12]) queries.push(t.slice(0, n));
  queries.push(t.slice(0, 9).replace(/[aeiou]/, 'x'));
  queries.push(t.split(' ').slice(1, 3).join(' '));
}
for (let i = 0; i < 20; i++) suggestLinks(segments, queries[i] ?? '', 20); // warm-up
const suggestTimes = queries.map((q) => time(() => suggestLinks(segments, q, 20))[1]);

const [graph, graphMs] = time(() => notebookGraph(store));
const centre = graphKey('note', 'n0');
const localTimes = [1, 2, 3].map((depth) => time(() => localGraph(graph, centre, depth))[1]);

console.log(
  `${articleCount} articles, ${noteCount} notes, ${tags.length} tags; graph ${graph.nodes.length} nodes, ${graph.edges.length} edges\n`,
);
console.log('| figure | measured | budget | |\n|---|---|---|---|');
console.log(
  row(`[[ suggestions, p95 of ${queries.length} queries`, pct(suggestTimes, 95), BUDGET.suggestP95),
);
console.log(row('[[ suggestions, max', Math.max(...suggestTimes), null));
console.log(row('suggestion segments built (once, then per changed kind)', buildMs, null));
console.log(row('whole-notebook graph data (part of the first frame ≤ 1 s)', graphMs, BUDGET.graphData));
console.log(row('local graph around a note, depth 3', localTimes[2] ?? 0, null));
