// A small coded notebook for the exchange tests: the two seed articles plus one with text outside the Basic
// Multilingual Plane, a three-level codebook with colours, descriptions and memos, highlights with several tags
// and memos, an article memo, and notes that link and cite.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTree, pathOf } from '../../../src/main/core/codebook/tree';
import type { Tag } from '../../../src/main/core/types';
import { openTestNotebook, seedsDir, type TestNotebook } from '../../helpers/notebook';

export const ties = 'The Ties of Myanmar with Russia';
export const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

export interface Coded {
  nb: TestNotebook;
  articles: { ties: string; visit: string; emoji: string };
  tags: Record<'actors' | 'russia' | 'myanmar' | 'arms' | 'jets', string>;
  highlights: string[];
}

export async function codedNotebook(): Promise<Coded> {
  const nb = await openTestNotebook();
  const extra = join(nb.root, 'emoji.md');
  await writeFile(
    extra,
    '---\ntitle: Signals 📡 and 𝔘nicode\nauthor: Jane Roe\nurl: https://example.org/signals\n---\n\n' +
      'The 📡 station in 𝔐andalay "relayed" orders & <tags> to *three* units.\n\nSecond paragraph: #hashtag [[not a link]] and $5.\n',
  );
  const report = await nb.call('importPaths', { paths: [seedsDir, extra] });
  const byFile = (end: string) => report.imported.find((i) => i.file.endsWith(end))?.id ?? '';
  const articles = {
    ties: byFile('000_07f86e086a543867.txt'),
    visit: byFile('003_0bc413b256a4f06c.txt'),
    emoji: byFile('emoji.md'),
  };
  const session = nb.core.session();
  const now = '2026-11-22T10:00:00.000Z';
  const tag = (id: string, name: string, parentId: string | null, extra: Partial<Tag> = {}): Tag => ({
    id,
    name,
    parentId,
    description: '',
    order: 0,
    color: '#1c7ed6',
    memo: '',
    createdAt: now,
    ...extra,
  });
  await session.commit('Build a codebook', (tx) => {
    tx.put('tag', tag('tA', 'Actors', null, { order: 0, description: 'Who acts.' }));
    tx.put('tag', tag('tR', 'Russia', 'tA', { order: 1, color: '#e03131', memo: 'State & firms.\nBoth.' }));
    tx.put('tag', tag('tM', 'Myanmar military', 'tA', { order: 0, color: '#2f9e44' }));
    tx.put(
      'tag',
      tag('tT', 'Arms trade', null, { order: 1, description: 'Sales, "deals" <and> deliveries.' }),
    );
    tx.put('tag', tag('tJ', 'Fighter jets', 'tT', { color: '#7950f2' }));
    tx.put('article', { ...tx.get('article', articles.ties)!, memo: 'Read with the Irrawaddy piece.' });
  });
  const view = await nb.call('articleGet', { id: articles.ties });
  const at = (text: string, quote: string) => {
    const start = text.indexOf(quote);
    if (start < 0) throw new Error(`"${quote}" not in the article`);
    return { start, end: start + quote.length };
  };
  const h1 = await nb.call('highlightCreate', {
    articleId: articles.ties,
    ...at(view.text, jets),
    tagIds: ['tR', 'tJ'],
  });
  await nb.call('highlightUpdate', { id: h1.id, memo: 'Deliveries began in 2020?' });
  const visit = await nb.call('articleGet', { id: articles.visit });
  const fomin = visit.passages.find((p) => p.text.includes('Fomin'))?.text ?? '';
  const h2 = await nb.call('highlightCreate', {
    articleId: articles.visit,
    ...at(visit.text, fomin.slice(0, 80)),
    tagIds: ['tR', 'tM'],
  });
  const emoji = await nb.call('articleGet', { id: articles.emoji });
  const h3 = await nb.call('highlightCreate', {
    articleId: articles.emoji,
    ...at(emoji.text, '𝔐andalay "relayed" orders'),
    tagIds: ['tM'],
  });
  const h4 = await nb.call('highlightCreate', {
    articleId: articles.emoji,
    ...at(emoji.text, '$5'),
    tagIds: [],
  });
  const cite = await nb.call('citationFor', { highlightId: h1.id });
  await nb.call('noteCreate', { title: 'Arms deals', body: `See [[Russia ties]].\n\n${cite.markdown}\n` });
  await nb.call('noteCreate', {
    title: 'Russia ties',
    body: `Moscow sells [the jets](quire://article/${articles.ties}?passage=${h1.passageId}&highlight=${h1.id}) and more.\n`,
  });
  return {
    nb,
    articles,
    tags: { actors: 'tA', russia: 'tR', myanmar: 'tM', arms: 'tT', jets: 'tJ' },
    highlights: [h1.id, h2.id, h3.id, h4.id],
  };
}

/** What a researcher would call the same codebook: paths, colours, descriptions, memos, sibling order. */
export function codebookOf(tags: readonly Tag[]) {
  const byParent = (parentId: string | null) =>
    tags
      .filter((t) => t.parentId === parentId)
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const walk = (parentId: string | null): unknown[] =>
    byParent(parentId).map((t) => ({
      path: pathOf(buildTree(tags), t.id).join('/'),
      color: t.color,
      description: t.description,
      memo: t.memo,
      children: walk(t.id),
    }));
  return walk(null);
}
