// An index that grows or shrinks between queries ranks exactly like one built from scratch: per-slot length
// normalisation is cached between queries and must follow every add and removal.
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../../src/main/core/search/index';
import { bodyOf } from './helpers';

const articles: Record<string, string[]> = {
  a: ['Arms deal', 'Myanmar signed an arms deal with Russia.', 'The deal covers helicopters.'],
  b: ['Rice exports', 'Myanmar rice exports rose again this year, traders said at the port of Yangon.'],
  c: ['Short', 'Myanmar arms.'],
  d: [
    'A long report on cooperation between many ministries',
    'Officials from the defence and foreign ministries of Myanmar met to discuss arms purchases, training, ' +
      'shared exercises and a long list of other subjects over three days.',
  ],
};

function build(ids: string[]): SearchIndex {
  const index = new SearchIndex();
  for (const id of ids) {
    const [title, ...paragraphs] = articles[id] ?? [];
    index.addArticle({ id, title: title ?? '' }, bodyOf(id, paragraphs));
  }
  return index;
}

const queries = ['myanmar', 'arms', 'myanmar arms', '"arms deal"', 'ministries'];
const answers = (index: SearchIndex) => queries.map((q) => index.search(q, { limit: 10 }));

describe('SearchIndex between queries', () => {
  it('scores an article added after a search like a freshly built index does', () => {
    const grown = build(['a', 'b']);
    answers(grown);
    for (const id of ['c', 'd']) {
      const [title, ...paragraphs] = articles[id] ?? [];
      grown.addArticle({ id, title: title ?? '' }, bodyOf(id, paragraphs));
    }
    expect(answers(grown)).toEqual(answers(build(['a', 'b', 'c', 'd'])));
  });

  it('scores the remaining articles after a removal like a freshly built index does', () => {
    const shrunk = build(['a', 'b', 'c', 'd']);
    answers(shrunk);
    shrunk.removeArticle('d');
    const fresh = answers(build(['a', 'b', 'c']));
    expect(answers(shrunk).map((r) => r.groups)).toEqual(fresh.map((r) => r.groups));
  });
});

describe('words only removed documents had', () => {
  // Enough other articles that removing one leaves its postings behind (below the compaction threshold).
  function withFillers(index: SearchIndex): SearchIndex {
    for (let i = 0; i < 10; i++)
      index.addArticle({ id: `f${i}`, title: 'Filler' }, bodyOf(`f${i}`, [`Rice ${i}.`]));
    return index;
  }

  it('are no typo correction: the correction names a word a live article has', () => {
    const index = withFillers(new SearchIndex());
    index.addArticle({ id: 'gone', title: 'Gone' }, bodyOf('gone', ['Delta harbour.']));
    index.addArticle({ id: 'kept', title: 'Kept' }, bodyOf('kept', ['Beta harbour.']));
    index.removeArticle('gone');
    const fresh = withFillers(new SearchIndex());
    fresh.addArticle({ id: 'kept', title: 'Kept' }, bodyOf('kept', ['Beta harbour.']));
    const r = index.search('deta', { limit: 10 });
    expect(r.corrections).toEqual(['deta → beta']);
    expect(r).toEqual(fresh.search('deta', { limit: 10 }));
  });

  it('do not crowd the completions of a prefix out', () => {
    const index = withFillers(new SearchIndex());
    // Thirty completions of "harb" that only a removed article had, all sorting before "harbinger": more than
    // a prefix expands to.
    const gone = Array.from({ length: 30 }, (_, i) => `harba${String.fromCharCode(97 + (i % 26))}${i}`);
    index.addArticle({ id: 'gone', title: 'Gone' }, bodyOf('gone', [gone.join(' ')]));
    index.addArticle({ id: 'kept', title: 'Kept' }, bodyOf('kept', ['Harbinger.']));
    index.removeArticle('gone');
    expect(index.search('harb', { limit: 10 }).groups.map((g) => g.id)).toEqual(['kept']);
  });
});

describe('SearchIndex after compaction', () => {
  it('scores documents laid out anew (same totals, other order) like a freshly built index does', () => {
    const index = build(['a', 'b']);
    answers(index);
    // Removing both compacts the index; adding them back in the other order gives the same totals and slot
    // count, but every slot now holds another passage.
    index.removeArticle('a');
    index.removeArticle('b');
    for (const id of ['b', 'a']) {
      const [title, ...paragraphs] = articles[id] ?? [];
      index.addArticle({ id, title: title ?? '' }, bodyOf(id, paragraphs));
    }
    expect(answers(index)).toEqual(answers(build(['b', 'a'])));
  });
});

describe('typo corrections', () => {
  it('do not depend on the order the documents were indexed in (equally good look-alikes: by spelling)', () => {
    const docs: [string, string][] = [
      ['s8', 'Serial8 arrived.'],
      ['s7', 'Serial7 arrived.'],
    ];
    const forwards = new SearchIndex();
    const backwards = new SearchIndex();
    for (const [id, text] of docs) forwards.addArticle({ id, title: id }, bodyOf(id, [text]));
    for (const [id, text] of [...docs].reverse()) backwards.addArticle({ id, title: id }, bodyOf(id, [text]));
    expect(forwards.search('serial5', { limit: 10 }).corrections).toEqual(['serial5 → serial7']);
    expect(backwards.search('serial5', { limit: 10 }).corrections).toEqual(['serial5 → serial7']);
  });
});
