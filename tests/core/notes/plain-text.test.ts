import { describe, expect, it } from 'vitest';
import { markdownToPlain } from '../../../src/main/core/notes/plain-text';

describe('a note as a person reads it', () => {
  it.each([
    ['See [[Arms deals]] for more.', 'See Arms deals for more.'],
    ['See [[Arms deals|the deals]] and [[C# notes#Intro]].', 'See the deals and C.'],
    [
      '> Six jets were ordered.\n> — [The Ties](quire://article/a1?passage=p1&highlight=h1)',
      'Six jets were ordered.\n— The Ties',
    ],
    ['## Heading\n- item *one* and **two**', 'Heading\nitem one and two'],
    ['Bare quire://article/a1?passage=p ends here', 'Bare ends here'],
    ['snake_case_word stays', 'snake_case_word stays'],
  ])('%j → %j', (md, plain) => {
    expect(markdownToPlain(md)).toBe(plain);
  });

  it('takes linear time on long runs of markers', () => {
    const time = (n: number) => {
      const text = `${'*a'.repeat(n)} ${'['.repeat(n)} ${'> '.repeat(n)}`;
      const t = performance.now();
      markdownToPlain(text);
      return performance.now() - t;
    };
    time(1000);
    const small = Math.min(time(20_000), time(20_000));
    const large = Math.min(time(160_000), time(160_000));
    expect(large / Math.max(small, 0.5)).toBeLessThan(40);
  });
});
