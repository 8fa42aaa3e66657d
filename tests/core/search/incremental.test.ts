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
