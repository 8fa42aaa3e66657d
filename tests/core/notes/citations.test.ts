import { describe, expect, it } from 'vitest';
import { citationMarkdown, parseCitations, parseQuireLink } from '../../../src/main/core/notes/citations';
import type { Highlight } from '../../../src/main/core/types';

const highlight: Highlight = {
  id: 'h7',
  articleId: 'a3',
  passageId: 'p12',
  tagIds: ['t1'],
  position: { start: 10, end: 60 },
  quote: {
    exact: 'Analysts say Russia primarily wants\n\na market [1] for its weapons.',
    prefix: '',
    suffix: '',
  },
  memo: '',
  createdAt: '2024-01-01T00:00:00.000Z',
  orphaned: false,
};
const article = {
  id: 'a3',
  title: 'The Ties of Myanmar with Russia',
  author: null,
  source: null,
  published: null,
};

describe('citationMarkdown', () => {
  it('quotes every line and links back to the passage and highlight', () => {
    expect(citationMarkdown(highlight, article)).toBe(
      [
        '> Analysts say Russia primarily wants',
        '>',
        '> a market \\[1\\] for its weapons.',
        '> — [The Ties of Myanmar with Russia](quire://article/a3?passage=p12&highlight=h7)',
      ].join('\n'),
    );
  });

  it('round-trips through parseCitations', () => {
    const md = citationMarkdown(highlight, { ...article, title: 'Brackets [and] more' });
    const [c] = parseCitations(`My note\n\n${md}\n\nMore text.`);
    expect(c).toMatchObject({
      articleId: 'a3',
      passageId: 'p12',
      highlightId: 'h7',
      text: 'Brackets [and] more',
    });
  });
});

describe('parseCitations', () => {
  it('finds quire links in and outside blockquotes, bare or in Markdown links, but not in code', () => {
    const body = [
      'As [shown here](quire://article/a1?passage=p1&highlight=h1), the deal stalled.',
      '> quote',
      '> — [Title](quire://article/a2?passage=p2&highlight=h2)',
      'Bare: quire://article/a3 and <quire://article/a4?passage=p4>.',
      '`quire://article/a5` is code.',
      '[Web](https://example.com) is not a citation.',
    ].join('\n');
    const found = parseCitations(body);
    expect(found.map((c) => [c.articleId, c.passageId, c.highlightId])).toEqual([
      ['a1', 'p1', 'h1'],
      ['a2', 'p2', 'h2'],
      ['a3', null, null],
      ['a4', 'p4', null],
    ]);
    const first = found[0];
    expect(first && body.slice(first.start, first.end)).toBe(
      '[shown here](quire://article/a1?passage=p1&highlight=h1)',
    );
  });
});

describe('parseQuireLink', () => {
  it('reads the ids of a quire link', () => {
    expect(parseQuireLink('quire://article/a3?passage=p12&highlight=h7')).toEqual({
      articleId: 'a3',
      passageId: 'p12',
      highlightId: 'h7',
    });
    expect(parseQuireLink('quire://article/a3')).toEqual({
      articleId: 'a3',
      passageId: null,
      highlightId: null,
    });
  });

  it('refuses anything that is not a well-formed quire article link', () => {
    for (const href of [
      'https://example.com/a3',
      'quire://note/n1',
      'quire://article/',
      'quire://article/a%ZZ',
      'quire://article/a1/../../etc',
      'javascript:alert(1)',
      'quire://article/a1?passage=%00',
    ]) {
      expect(parseQuireLink(href)).toBeNull();
    }
  });
});
