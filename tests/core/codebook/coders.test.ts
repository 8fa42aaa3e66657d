// Filtering coded segments and the pictures by coder (team notebooks): a highlight's coder is its `author`; null
// asks for the highlights made before the notebook was shared.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeDocumentMatrix, cooccurrenceMatrix } from '../../../src/main/core/codebook/matrices';
import { findSegments, segmentCounts } from '../../../src/main/core/codebook/segments';
import { codesOverTime } from '../../../src/main/core/codebook/timeline';
import { coderCounts } from '../../../src/main/core/sync/coders';
import { openTestNotebook, seedFiles, type TestNotebook } from '../../helpers/notebook';
import { articles, tags } from './corpus';
import { coding, hl } from './fixture';

// a1 and a2 coded by Ana and Ben (overlapping on a1), a4 before the notebook was shared.
const highlights = [
  hl('ana1', 'a1', 0, 50, ['russia'], { author: 'Ana' }),
  hl('ana2', 'a1', 10, 20, ['arms'], { author: 'Ana' }),
  hl('ben1', 'a1', 5, 40, ['russia'], { author: 'Ben' }),
  hl('ben2', 'a2', 0, 30, ['arms'], { author: 'Ben' }),
  hl('old1', 'a4', 5, 15, ['china']),
];
const team = coding(tags, highlights, articles);
const ids = (coders: (string | null)[]) =>
  findSegments(team, { filter: { coders } }).map((s) => s.highlight.id);

describe('coded segments by coder', () => {
  it.each<[string, (string | null)[], string[]]>([
    ['one coder: only their segments', ['Ana'], ['ana1', 'ana2']],
    ['the other coder', ['Ben'], ['ben1', 'ben2']],
    ['made before sharing (no coder)', [null], ['old1']],
    ['two coders', ['Ben', null], ['ben1', 'ben2', 'old1']],
    ['a name nobody coded with', ['Cy'], []],
    ['names are exact: another case is another coder', ['ana'], []],
    ['no coder chosen: everyone', [], ['ana1', 'ana2', 'ben1', 'ben2', 'old1']],
  ])('%s', (_, coders, expected) => {
    expect(ids(coders).sort()).toEqual(expected);
  });

  it('counts only the chosen coder’s segments', () => {
    const found = findSegments(team, { anyOf: ['russia'], filter: { coders: ['Ben'] } });
    expect(segmentCounts(found)).toEqual({ segments: 1, articles: 1, perTag: { russia: 1 } });
  });
});

describe('pictures by coder', () => {
  it('code × document counts only the chosen coder’s segments', () => {
    const m = codeDocumentMatrix(team, {
      by: 'article',
      tagIds: ['russia', 'arms'],
      includeChildren: true,
      filter: { coders: ['Ana'] },
    });
    expect(m.columns.map((c) => c.key)).toEqual(['a1']);
    expect(m.cells).toEqual([[1], [1]]);
    const all = codeDocumentMatrix(team, {
      by: 'article',
      tagIds: ['russia', 'arms'],
      includeChildren: true,
    });
    expect(all.rowTotals).toEqual([2, 2]);
  });

  it('co-occurrence counts overlaps within one coder’s segments, in the matrix and in its cell’s segments', () => {
    // On a1 Ana coded arms inside her Russia segment, and Ben coded Russia over Ana's arms segment.
    const matrix = (coders?: string[]) =>
      cooccurrenceMatrix(team, { tagIds: ['russia', 'arms'], includeChildren: true, filter: { coders } })
        .cells;
    const cell = (coders?: string[]) =>
      findSegments(team, { overlap: { a: ['russia'], b: ['arms'] }, filter: { coders } }).map(
        (s) => s.highlight.id,
      );
    expect(matrix()[0]?.[1]).toBe(2);
    expect(cell()).toEqual(['ana1', 'ben1']);
    expect(matrix(['Ana'])[0]?.[1]).toBe(1);
    expect(cell(['Ana'])).toEqual(['ana1']);
    // Ben's Russia segment overlaps only Ana's arms: not a co-occurrence in Ben's coding.
    expect(matrix(['Ben'])[0]?.[1]).toBe(0);
    expect(cell(['Ben'])).toEqual([]);
  });

  it('codes over time counts the chosen coder’s segments per month', () => {
    const t = codesOverTime(team, { tagIds: ['arms'], includeChildren: true, filter: { coders: ['Ben'] } });
    expect(t.months).toEqual(['2017-05']);
    expect(t.series[0]?.counts).toEqual([1]);
  });
});

describe('the coders of a notebook', () => {
  it('lists each coder with their highlights, by name, and those made before sharing last', () => {
    expect(coderCounts(highlights)).toEqual([
      { name: 'Ana', highlights: 2 },
      { name: 'Ben', highlights: 2 },
      { name: null, highlights: 1 },
    ]);
    expect(coderCounts(highlights.filter((h) => h.author))).toEqual([
      { name: 'Ana', highlights: 2 },
      { name: 'Ben', highlights: 2 },
    ]);
  });
});

describe('coder filter through the API', () => {
  let nb: TestNotebook;
  let articleId = '';
  beforeEach(async () => {
    nb = await openTestNotebook();
    const report = await nb.call('importPaths', { paths: [seedFiles.ties] });
    articleId = report.imported[0]?.id ?? '';
  });
  afterEach(async () => nb.cleanup());

  it('stamps, lists and filters by coder: coderList, codedSegments and codeMatrix', async () => {
    const tag = await nb.call('tagCreate', { name: 'military' });
    const code = (start: number, end: number) =>
      nb.call('highlightCreate', { articleId, start, end, tagIds: [tag.id] });
    await code(0, 20);
    // What sharing does to the session: from now on every change is signed with this name.
    const session = nb.core.session();
    session.author = 'Ana';
    await code(30, 60);
    session.author = 'Ben';
    await code(40, 80);
    await code(100, 120);

    expect((await nb.call('coderList', {})).coders).toEqual([
      { name: 'Ana', highlights: 1 },
      { name: 'Ben', highlights: 2 },
      { name: null, highlights: 1 },
    ]);
    const segments = async (coders: (string | null)[]) =>
      (await nb.call('codedSegments', { anyOf: [tag.id], filter: { coders } })).total;
    expect(await segments(['Ben'])).toBe(2);
    expect(await segments(['Ana', null])).toBe(2);
    expect(await segments([])).toBe(4);
    const matrix = await nb.call('codeMatrix', {
      by: 'article',
      tagIds: [tag.id],
      filter: { coders: ['Ana'] },
    });
    expect(matrix.cells).toEqual([[1]]);
  });
});
