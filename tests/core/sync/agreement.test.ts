// Agreement figures against a fixture computed by hand (see each expectation's working).
import { describe, expect, it } from 'vitest';
import { agreement, type CodedSegment } from '../../../src/main/core/sync/agreement';
import { segmentsOf } from '../../../src/main/core/sync/coders';
import type { Highlight } from '../../../src/main/core/types';

const seg = (coder: string, codeId: string, start: number, end: number, documentId = 'd1'): CodedSegment => ({
  coder,
  documentId,
  codeId,
  start,
  end,
});

describe('intercoder agreement on character overlap', () => {
  // One document of 100 characters. Code X: Ana codes 0-20 and 50-60, Ben codes 10-30 (overlap 10-20).
  // Code Y: both code 70-90. Ana's 15-20 on X overlaps her own 0-20 and must count once.
  const segments = [
    seg('ana', 'x', 0, 20),
    seg('ana', 'x', 15, 20),
    seg('ana', 'x', 50, 60),
    seg('ben', 'x', 10, 30),
    seg('ana', 'y', 70, 90),
    seg('ben', 'y', 70, 90),
    seg('cy', 'x', 0, 100), // a third coder is not part of the comparison
  ];
  const report = agreement([{ id: 'd1', length: 100 }], ['x', 'y'], segments, { a: 'ana', b: 'ben' });

  it('per code: X agrees on 70 of 100 characters, kappa 0.08 / 0.38', () => {
    const x = report.byCode.find((c) => c.codeId === 'x')!.cell;
    // both 10 (10-20); Ana only 20 (0-10, 50-60); Ben only 10 (20-30); neither 60.
    expect(x).toMatchObject({ both: 10, onlyA: 20, onlyB: 10, neither: 60 });
    expect(x.percent).toBeCloseTo(0.7, 10);
    // chance = 0.3 * 0.2 + 0.7 * 0.8 = 0.62; kappa = (0.70 - 0.62) / (1 - 0.62) = 0.2105...
    expect(x.kappa).toBeCloseTo(0.08 / 0.38, 10);
  });

  it('per code: Y agrees on every character, kappa 1', () => {
    const y = report.byCode.find((c) => c.codeId === 'y')!.cell;
    expect(y).toMatchObject({ both: 20, onlyA: 0, onlyB: 0, neither: 80, percent: 1, kappa: 1 });
  });

  it('overall pools the characters of every code: 170 of 200, kappa 0.2 / 0.35', () => {
    // both 30, Ana only 20, Ben only 10, neither 140. Ana codes 50/200 = 0.25, Ben 40/200 = 0.2.
    // chance = 0.25 * 0.2 + 0.75 * 0.8 = 0.65; kappa = (0.85 - 0.65) / 0.35 = 0.5714...
    expect(report.overall).toMatchObject({ both: 30, onlyA: 20, onlyB: 10, neither: 140 });
    expect(report.overall.percent).toBeCloseTo(0.85, 10);
    expect(report.overall.kappa).toBeCloseTo(0.2 / 0.35, 10);
  });

  it('lists the disagreeing stretches with who coded them, side by side', () => {
    expect(report.disagreements).toEqual([
      { documentId: 'd1', codeId: 'x', start: 0, end: 10, codedBy: 'a' },
      { documentId: 'd1', codeId: 'x', start: 20, end: 30, codedBy: 'b' },
      { documentId: 'd1', codeId: 'x', start: 50, end: 60, codedBy: 'a' },
    ]);
  });

  it('a code neither coder used counts as full agreement, not as a division by zero', () => {
    const none = agreement([{ id: 'd1', length: 10 }], ['z'], [], { a: 'ana', b: 'ben' });
    expect(none.overall).toMatchObject({ neither: 10, percent: 1, kappa: 1 });
  });

  it('chance-level coding gives kappa 0: each codes half, overlapping half of that', () => {
    // Ana 0-50, Ben 25-75 on 100 characters: both 25, onlyA 25, onlyB 25, neither 25; observed 0.5 = chance 0.5.
    const r = agreement(
      [{ id: 'd', length: 100 }],
      ['c'],
      [seg('a', 'c', 0, 50, 'd'), seg('b', 'c', 25, 75, 'd')],
      {
        a: 'a',
        b: 'b',
      },
    );
    expect(r.overall.kappa).toBeCloseTo(0, 10);
  });
});

describe('coders', () => {
  const h = (id: string, author: string | undefined, tagIds: string[]): Highlight => ({
    id,
    articleId: 'a1',
    passageId: 'p',
    tagIds,
    position: { start: 1, end: 5 },
    quote: { exact: 'text', prefix: '', suffix: '' },
    memo: '',
    createdAt: '2026-01-01T00:00:00Z',
    orphaned: false,
    ...(author ? { author } : {}),
  });
  const all = [h('h1', 'ben', ['t1', 't2']), h('h2', 'ana', ['t1']), h('h3', undefined, ['t1'])];

  it('turns a highlight into one coded segment per code', () => {
    expect(segmentsOf(all[0]!).map((s) => s.codeId)).toEqual(['t1', 't2']);
    expect(segmentsOf(all[2]!)).toEqual([]);
  });
});
