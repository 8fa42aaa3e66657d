// The operations the commit property test runs, as data. Records are named by position in the notebook's current
// lists (`article 2` is the third article, modulo how many there are), never by id, so that shrinking a sequence
// keeps every later operation meaningful and a counterexample reads like a session: "import [amber basalt]",
// "highlightCreate article 0 40%+10% tags [arms]", "undo".
import fc from 'fast-check';
import type { MetadataField } from '../../../../src/main/core/types';

/** Few words, so queries hit several documents and the typo tolerance has neighbours to confuse. */
export const vocabulary = [
  'amber',
  'basalt',
  'cobalt',
  'delta',
  'ember',
  'fjord',
  'garnet',
  'harbor',
  'indigo',
  'jasper',
  'kelp',
  'lumen',
  'marrow',
  'nectar',
  'onyx',
  'pewter',
  'quartz',
  'russet',
] as const;

/** Differ in case and spacing on purpose: tags are one per name whatever the case. */
export const tagNames = ['arms', 'Arms', 'human rights', 'trade', 'fomin'] as const;
export const noteTitles = ['Alpha', 'alpha', 'Beta', 'Gamma notes', 'Delta'] as const;
export const authors = ['Ko Ye', 'Jane Roe', 'Min Aung'] as const;
export const sources = ['Irrawaddy', 'Frontier'] as const;
export const colors = ['#3366cc', '#cc3333', '#22aa55'] as const;

export interface FileSpec {
  format: 'md' | 'html';
  title: string[];
  author: string | null;
  paragraphs: string[][];
}

/** A piece of a note body: prose, a `[[link]]` to a title (maybe of no note), or a citation of a highlight. */
export type BodyPart = { text: string[] } | { link: string } | { cite: number };

export type Op =
  | { kind: 'import'; files: FileSpec[] }
  | {
      kind: 'highlightCreate';
      article: number;
      /** Percent of the text where the selection starts, and its length in percent. */
      at: number;
      length: number;
      tagIds: number[];
      tagNames: string[];
    }
  | {
      kind: 'highlightUpdate';
      highlight: number;
      tagIds: number[] | null;
      tagNames: string[];
      memo: string | null;
    }
  | { kind: 'highlightDelete'; highlight: number }
  | { kind: 'tagCreate'; name: string }
  | { kind: 'tagUpdate'; tag: number; name: string | null; color: string | null }
  | { kind: 'tagDelete'; tag: number; withHighlights: boolean }
  /** Under another tag (by position), or to the top level. */
  | { kind: 'tagMove'; tag: number; parent: number | null }
  | { kind: 'tagMerge'; tag: number; into: number }
  | { kind: 'tagSplit'; tag: number; highlight: number; name: string }
  | { kind: 'tagMemo'; tag: number; memo: string; description: string }
  | { kind: 'articleMemo'; article: number; memo: string }
  | { kind: 'noteCreate'; title: string; body: BodyPart[] }
  | { kind: 'noteUpdate'; note: number; body: BodyPart[] }
  | { kind: 'noteRename'; note: number; title: string }
  | { kind: 'noteDelete'; note: number }
  | {
      kind: 'articleUpdateMeta';
      article: number;
      title: string[] | null;
      author: string | null | undefined;
      source: string | null | undefined;
      published: string | null | undefined;
      reset: MetadataField[];
    }
  | { kind: 'articleSetBlock'; article: number; block: number; keep: boolean }
  | { kind: 'articleReextract'; article: number }
  | { kind: 'articleDelete'; article: number }
  | { kind: 'trashRestore'; entry: number }
  | { kind: 'trashEmpty'; entry: number | null }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** Two operations sent at once, as two windows (or a fast double click) would. */
  | { kind: 'together'; ops: [Op, Op] };

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...vocabulary), { minLength: min, maxLength: max });
const index = fc.nat({ max: 9 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const file: fc.Arbitrary<FileSpec> = fc.record({
  format: fc.constantFrom('md' as const, 'html' as const),
  title: words(1, 3),
  author: fc.option(fc.constantFrom(...authors), { nil: null }),
  paragraphs: fc.array(words(3, 8), { minLength: 1, maxLength: 4 }),
});

const bodyPart: fc.Arbitrary<BodyPart> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ text: words(1, 6) }) },
  { weight: 2, arbitrary: fc.record({ link: fc.constantFrom(...noteTitles) }) },
  { weight: 2, arbitrary: fc.record({ cite: index }) },
);
const body = fc.array(bodyPart, { maxLength: 4 });

const single: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      files: fc.array(file, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('highlightCreate' as const),
      article: index,
      at: fc.nat({ max: 99 }),
      length: fc.integer({ min: 1, max: 40 }),
      tagIds: fc.array(index, { maxLength: 2 }),
      tagNames: fc.array(fc.constantFrom(...tagNames), { maxLength: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('highlightUpdate' as const),
      highlight: index,
      tagIds: fc.option(fc.array(index, { maxLength: 2 }), { nil: null }),
      tagNames: fc.array(fc.constantFrom(...tagNames), { maxLength: 1 }),
      memo: fc.option(
        words(0, 3).map((w) => w.join(' ')),
        { nil: null },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('highlightDelete' as const), highlight: index }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tagCreate' as const), name: fc.constantFrom(...tagNames) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tagUpdate' as const),
      tag: index,
      name: fc.option(fc.constantFrom(...tagNames, 'arms-trade', 'Human  Rights'), { nil: null }),
      color: fc.option(fc.constantFrom(...colors), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tagDelete' as const),
      tag: index,
      withHighlights: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tagMove' as const),
      tag: index,
      parent: fc.option(index, { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tagMerge' as const), tag: index, into: index }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tagSplit' as const),
      tag: index,
      highlight: index,
      name: fc.constantFrom('split', 'arms part'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tagMemo' as const),
      tag: index,
      memo: words(0, 3).map((w) => w.join(' ')),
      description: words(0, 3).map((w) => w.join(' ')),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('articleMemo' as const),
      article: index,
      memo: words(0, 3).map((w) => w.join(' ')),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('noteCreate' as const),
      title: fc.constantFrom(...noteTitles),
      body,
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('noteUpdate' as const), note: index, body }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('noteRename' as const),
      note: index,
      title: fc.constantFrom(...noteTitles, 'Epsilon'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('noteDelete' as const), note: index }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('articleUpdateMeta' as const),
      article: index,
      title: fc.option(words(1, 3), { nil: null }),
      author: maybe(fc.option(fc.constantFrom(...authors), { nil: null })),
      source: maybe(fc.option(fc.constantFrom(...sources), { nil: null })),
      published: maybe(fc.option(fc.constantFrom('2017-06-24', '2020-01-02'), { nil: null })),
      reset: fc.subarray(['title', 'author'] as MetadataField[], { maxLength: 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('articleSetBlock' as const),
      article: index,
      block: index,
      keep: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('articleReextract' as const), article: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('articleDelete' as const), article: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('trashRestore' as const), entry: index }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('trashEmpty' as const),
      entry: fc.option(index, { nil: null }),
    }),
  },
  { weight: 5, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'redo' as const }) },
);

export const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 12, arbitrary: single },
  { weight: 1, arbitrary: fc.tuple(single, single).map(([a, b]): Op => ({ kind: 'together', ops: [a, b] })) },
);

/** One line per operation, for counterexamples and the failure log. */
export function describeOp(o: Op): string {
  switch (o.kind) {
    case 'import':
      return `import ${o.files.map((f) => `${f.format}[${f.title.join(' ')}${f.author ? ` by ${f.author}` : ''}: ${f.paragraphs.map((p) => p.join(' ')).join(' / ')}]`).join(', ')}`;
    case 'highlightCreate':
      return `highlightCreate article ${o.article} ${o.at}%+${o.length}% tagIds ${o.tagIds} tagNames [${o.tagNames}]`;
    case 'highlightUpdate':
      return `highlightUpdate highlight ${o.highlight} tagIds ${o.tagIds === null ? '-' : `[${o.tagIds}]`} tagNames [${o.tagNames}] memo ${JSON.stringify(o.memo)}`;
    case 'together':
      return `together(${describeOp(o.ops[0])} | ${describeOp(o.ops[1])})`;
    default: {
      const { kind, ...rest } = o;
      return `${kind} ${JSON.stringify(rest)}`;
    }
  }
}
