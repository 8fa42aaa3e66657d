import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportContext } from '../../../src/main/core/export/markdown';
import { makeSelectors } from '../../../src/main/core/annotate/selectors';
import { citationMarkdown } from '../../../src/main/core/notes/citations';
import type { Highlight, Note, Tag } from '../../../src/main/core/types';

// Three notes citing the second seed article: a title that needs sanitizing, a link to it, a case-only clash.
const corpus = path.resolve(import.meta.dirname, '../../../../shared/corpus');

export const note = (
  id: string,
  title: string,
  body: string,
  createdAt = '2024-03-01T10:00:00.000Z',
): Note => ({
  id,
  title,
  body,
  createdAt,
  updatedAt: '2024-03-02T11:30:00.000Z',
});
const tag = (id: string, name: string): Tag => ({
  id,
  name,
  parentId: null,
  description: '',
  order: 0,
  color: '#e03131',
  memo: '',
  createdAt: '',
});

export async function seedContext(): Promise<ExportContext> {
  const text = (await readFile(path.join(corpus, 'seeds/003_0bc413b256a4f06c.txt'), 'utf8')).replace(
    /\r\n?/g,
    '\n',
  );
  const quote = 'Russia';
  const start = text.indexOf(quote);
  const sel = makeSelectors(text, start, start + quote.length);
  const h: Highlight = {
    id: 'h1',
    articleId: 'a1',
    passageId: 'p1',
    tagIds: ['t1', 't2'],
    ...sel,
    memo: '',
    createdAt: '2024-03-01T10:00:00.000Z',
    orphaned: false,
  };
  const article = {
    title: 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?',
    author: 'Ko Ye',
    source: 'The Irrawaddy',
    published: '2017-06-24',
    url: 'https://www.irrawaddy.com/news/burma/will-snr-gen-min-aung-hlaings-russia-visit.html',
  };
  const cite = citationMarkdown(h, { id: 'a1', ...article });
  const notes = [
    note('n1', 'Arms: "deals" #2021', `Overview. See [[Timeline]] and [[timeline|the dates]].\n\n${cite}\n`),
    note(
      'n2',
      'Timeline',
      'Links back to [[Arms: "deals" #2021|the deals]] and [[No such note]].',
      '2024-03-01T09:00:00.000Z',
    ),
    note('n3', 'timeline', 'A second note whose title differs only in case.', '2024-03-05T09:00:00.000Z'),
  ];
  return {
    notes,
    articles: new Map([['a1', article]]),
    highlights: new Map([['h1', h]]),
    tags: new Map([
      ['t1', tag('t1', 'arms trade')],
      ['t2', tag('t2', '- leading: dash')],
    ]),
  };
}
