import { describe, expect, it } from 'vitest';
import {
  paragraphs,
  sameByline,
  sameDay,
  sameText,
  scoreParagraphs,
  scoreTokens,
} from '../../../scripts/extract-scoring';

const body = [
  'The delegation met officials in Naypyitaw to discuss arms sales.',
  'Talks continued for three days, according to state media.',
];

describe('bench:extract scoring', () => {
  it('scores a perfect extraction 1 and counts kept chrome against precision', () => {
    expect(scoreParagraphs(body, body)).toEqual({ precision: 1, recall: 1, f1: 1 });
    const withMenu = scoreParagraphs([...body, 'Home News Opinion Subscribe'], body);
    expect(withMenu.precision).toBeCloseTo(2 / 3);
    expect(withMenu.recall).toBe(1);
  });

  it('weighs words, not lines: a kept menu costs precision by its length, a lost paragraph costs recall', () => {
    const article = body.join('\n\n');
    expect(scoreTokens(article, article)).toEqual({ precision: 1, recall: 1, f1: 1 });
    const withMenu = scoreTokens(`Home News Opinion Subscribe\n\n${article}`, article);
    expect(withMenu.recall).toBe(1);
    expect(withMenu.precision).toBeCloseTo(19 / 23);
    expect(scoreTokens(body[0] ?? '', article).recall).toBeCloseTo(10 / 19);
  });

  it('counts a lost paragraph against recall, and tolerates different paragraph breaks', () => {
    expect(scoreParagraphs([body[0] ?? ''], body).recall).toBe(0.5);
    expect(scoreParagraphs([body.join(' ')], body).recall).toBe(1);
  });

  it('does not let shared common words make chrome look like article text', () => {
    const chrome = 'Officials in the state to discuss media and sales.';
    expect(scoreParagraphs([chrome], body).precision).toBe(0);
  });

  it('splits reference text on blank lines', () => {
    expect(paragraphs('A b.\n\n\nC d.\n  \nE')).toEqual(['A b.', 'C d.', 'E']);
  });

  it('compares metadata the way the corpus README says: null expected means nothing found', () => {
    expect(sameText(null, null)).toBe(true);
    expect(sameText('Site', null)).toBe(false);
    expect(sameText(' The  Title ', 'the title')).toBe(true);
    expect(sameByline('Ko Ye', 'By Ko Ye')).toBe(true);
    expect(sameDay('2018-04-05', '2018-04-05T06:00')).toBe(true);
    expect(sameDay(null, '2018-04-05T06:00')).toBe(false);
  });
});
