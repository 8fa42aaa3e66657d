import { describe, expect, it } from 'vitest';
import { cellQuery, codeDocumentMatrix, cooccurrenceMatrix } from '../../../src/main/core/codebook/matrices';
import { findSegments } from '../../../src/main/core/codebook/segments';
import { codesOverTime, monthIndex, monthText } from '../../../src/main/core/codebook/timeline';
import { corpus } from './corpus';

describe('code × document matrix', () => {
  it('counts each tag’s segments per source (sources told apart regardless of case)', () => {
    const m = codeDocumentMatrix(corpus, { by: 'source', tagIds: ['actors', 'arms'] });
    expect(m.rows.map((r) => r.path)).toEqual(['Actors', 'Arms trade']);
    expect(m.columns.map((c) => c.label)).toEqual(['Frontier Myanmar', 'Mizzima', 'The Irrawaddy']);
    expect(m.cells).toEqual([
      [1, 2, 2],
      [1, 1, 2],
    ]);
    expect(m.rowTotals).toEqual([5, 4]);
  });

  it('counts per article, busiest first (then by title), and says how many columns it left out', () => {
    const m = codeDocumentMatrix(corpus, { by: 'article', tagIds: ['russia'], maxColumns: 2 });
    // One segment each: ties go by title.
    expect(m.columns).toEqual([
      { key: 'a4', label: 'Border' },
      { key: 'a1', label: 'Fomin visit' },
    ]);
    expect(m.cells).toEqual([[1, 1]]);
    expect(m.hiddenColumns).toBe(1);
    expect(m.rowTotals).toEqual([3]);
  });

  it('takes every tag in codebook order when none are chosen, and children only when asked', () => {
    const m = codeDocumentMatrix(corpus, { by: 'source', includeChildren: false });
    expect(m.rows.map((r) => r.path)).toEqual([
      'Actors',
      'Actors / China',
      'Actors / Russia',
      'Arms trade',
      'Human rights',
    ]);
    expect(m.rowTotals).toEqual([0, 2, 3, 4, 1]);
  });
});

describe('co-occurrence matrix', () => {
  it('counts a row’s segments that overlap a segment of the column’s tag', () => {
    const m = cooccurrenceMatrix(corpus, { tagIds: ['actors', 'arms'] });
    expect(m.cells).toEqual([
      [4, 3],
      [3, 4],
    ]);
  });

  it('every cell of both matrices lists exactly the segments it counts', () => {
    const tagIds = ['actors', 'russia', 'china', 'arms', 'hr'];
    const co = cooccurrenceMatrix(corpus, { tagIds });
    co.rows.forEach((row, r) =>
      co.rows.forEach((col, c) => {
        const q = cellQuery('cooccurrence', row.id, col.id, { includeChildren: true });
        expect(findSegments(corpus, q), `${row.path} × ${col.path}`).toHaveLength(co.cells[r]![c]!);
      }),
    );
    for (const by of ['article', 'source'] as const) {
      const m = codeDocumentMatrix(corpus, { by, tagIds });
      m.rows.forEach((row, r) =>
        m.columns.forEach((col, c) => {
          const q = cellQuery('document', row.id, col.key, { by, includeChildren: true });
          expect(findSegments(corpus, q), `${row.path} × ${col.label}`).toHaveLength(m.cells[r]![c]!);
        }),
      );
    }
  });
});

describe('codes over time', () => {
  it('buckets by the month published, without gaps, and keeps undated segments apart', () => {
    const t = codesOverTime(corpus, { tagIds: ['russia', 'arms'] });
    expect(t.months).toHaveLength(11);
    expect(t.months[0]).toBe('2017-03');
    expect(t.months.at(-1)).toBe('2018-01');
    const at = (month: string) => t.months.indexOf(month);
    const [russia, arms] = t.series;
    expect(russia?.counts[at('2017-03')]).toBe(1);
    expect(russia?.counts[at('2017-05')]).toBe(1);
    expect(russia?.counts[at('2018-01')]).toBe(1);
    expect(russia?.counts.reduce((a, b) => a + b)).toBe(3);
    expect(arms?.counts.reduce((a, b) => a + b)).toBe(3);
    expect(arms?.undated).toBe(1);
    expect(russia?.counts[at('2017-04')]).toBe(0);
  });

  it('defaults to the top-level tags and is empty without dated segments', () => {
    expect(codesOverTime(corpus, {}).series.map((s) => s.path)).toEqual([
      'Actors',
      'Arms trade',
      'Human rights',
    ]);
    expect(codesOverTime(corpus, { filter: { sources: [null] } }).months).toEqual([]);
  });

  it('numbers months without gaps across years', () => {
    expect(monthText(monthIndex('2017-12-31')! + 1)).toBe('2018-01');
    expect(monthIndex(null)).toBeNull();
    expect(monthIndex('2017-13-01')).toBeNull();
  });
});
