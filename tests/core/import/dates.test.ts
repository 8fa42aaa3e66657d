import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/main/core/import/dates';

describe('parseDate', () => {
  it.each([
    ['June 24, 2017', '2017-06-24'],
    ['Saturday, June 24, 2017', '2017-06-24'],
    ['24 June 2017', '2017-06-24'],
    ['24th of June, 2017', '2017-06-24'],
    ['Jun. 24 2017', '2017-06-24'],
    ['Sept 3, 2020', '2020-09-03'],
    ['2017-06-24', '2017-06-24'],
    ['2020-09-06T06:00:00+06:30', '2020-09-06'],
    ['Sat, 24 Jun 2017 10:00:00 GMT', '2017-06-24'],
    ['24/06/2017', '2017-06-24'],
    ['06/24/2017', '2017-06-24'],
    ['Posted on June 26, 2014', '2014-06-26'],
  ])('%s -> %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each(['', 'yesterday', 'June 2017', '03/04/2017', 'February 30, 2020', '2017-13-01', '7.5k views'])(
    'never invents a date from %j',
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );
});
