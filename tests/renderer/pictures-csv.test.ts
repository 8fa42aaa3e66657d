import { describe, expect, it } from 'vitest';
import { csvOf } from '../../src/renderer/src/state/pictures.svelte';

describe('picture tables as CSV', () => {
  it('writes a code × source table with quoted labels and row totals', () => {
    const csv = csvOf({
      kind: 'document',
      table: {
        by: 'source',
        rows: [{ id: 't1', path: 'Actors / Russia', color: '#000000' }],
        columns: [
          { key: 'a', label: 'Mizzima, English' },
          { key: '', label: '(no source)' },
        ],
        cells: [[2, 1]],
        rowTotals: [3],
        hiddenColumns: 0,
      },
    });
    expect(csv).toBe('tag,"Mizzima, English",(no source),total\r\nActors / Russia,2,1,3\r\n');
  });
  it('writes codes over time with one column per month and the undated count', () => {
    const csv = csvOf({
      kind: 'time',
      table: {
        months: ['2017-05', '2017-06'],
        series: [{ id: 't', path: 'A', color: '#000000', counts: [0, 4], undated: 1 }],
      },
    });
    expect(csv).toBe('tag,2017-05,2017-06,undated\r\nA,0,4,1\r\n');
  });
});
