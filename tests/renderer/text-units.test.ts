import { describe, expect, it } from 'vitest';
import { extend, sentencesOf, unitAt, wordsOf } from '../../src/renderer/src/lib/text-units';

describe('keyboard selection units', () => {
  const text = 'Russia sells arms. Myanmar buys jets!  Both deny it.';
  it('finds sentences and words without their trailing spaces', () => {
    expect(sentencesOf(text).map(([s, e]) => text.slice(s, e))).toEqual([
      'Russia sells arms.',
      'Myanmar buys jets!',
      'Both deny it.',
    ]);
    expect(wordsOf('Sukhoi Su-30, fighter').map(([s, e]) => 'Sukhoi Su-30, fighter'.slice(s, e))).toEqual([
      'Sukhoi',
      'Su',
      '30',
      'fighter',
    ]);
  });
  it('picks the unit under a point and extends a selection either way', () => {
    const sentences = sentencesOf(text);
    expect(unitAt(sentences, 20)).toEqual(sentences[1]);
    const first = sentences[0] ?? [0, 0];
    expect(extend(sentences, first, true)).toEqual([0, sentences[1]?.[1]]);
    expect(extend(sentences, first, false)).toEqual(first);
    expect(extend(wordsOf(text), [7, 12], true)).toEqual([7, 17]);
  });
});
