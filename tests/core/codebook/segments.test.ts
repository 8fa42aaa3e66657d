import { describe, expect, it } from 'vitest';
import { findSegments, segmentCounts, type SegmentQuery } from '../../../src/main/core/codebook/segments';
import { corpus } from './corpus';

const ids = (q: SegmentQuery): string[] => findSegments(corpus, q).map((s) => s.highlight.id);

describe('coded segments', () => {
  it.each<[string, SegmentQuery, string[]]>([
    ['any of a parent (with its children)', { anyOf: ['actors'] }, ['h1', 'h3', 'h4', 'h7', 'h9']],
    ['any of a parent, children not counted', { anyOf: ['actors'], includeChildren: false }, []],
    ['any of two', { anyOf: ['china', 'hr'] }, ['h3', 'h5', 'h7']],
    ['all of two on one highlight', { allOf: ['russia', 'arms'] }, ['h4']],
    ['none of', { noneOf: ['actors'] }, ['h2', 'h5', 'h8', 'h6']],
    ['A overlapping B', { overlap: { a: ['actors'], b: ['arms'] } }, ['h1', 'h4', 'h7']],
    ['B overlapping A', { overlap: { a: ['arms'], b: ['actors'] } }, ['h2', 'h4', 'h8']],
    ['overlap and none of', { overlap: { a: ['arms'], b: ['actors'] }, noneOf: ['russia'] }, ['h2', 'h8']],
    ['no tag criterion: everything', {}, ['h1', 'h2', 'h3', 'h4', 'h5', 'h7', 'h8', 'h9', 'h6']],
  ])('%s', (_, q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it.each<[string, SegmentQuery, string[]]>([
    ['source, whatever its case', { anyOf: ['arms'], filter: { sources: ['THE IRRAWADDY'] } }, ['h2', 'h6']],
    ['no known source', { filter: { sources: [null] } }, []],
    ['author', { filter: { authors: ['ko ye'] } }, ['h1', 'h2', 'h3']],
    [
      'date range (undated articles drop out)',
      { anyOf: ['arms'], filter: { from: '2017-04', to: '2017' } },
      ['h4'],
    ],
    ['article', { filter: { articleIds: ['a4'] } }, ['h7', 'h8', 'h9']],
    ['memo text, case and accents aside', { filter: { memo: 'FOMÍN' } }, ['h1']],
  ])('filters by %s', (_, q, expected) => {
    expect(ids(q)).toEqual(expected);
  });

  it('counts segments, articles and segments per tag', () => {
    expect(segmentCounts(findSegments(corpus, { anyOf: ['arms'] }))).toEqual({
      segments: 4,
      articles: 4,
      perTag: { arms: 4, russia: 1 },
    });
  });
});
