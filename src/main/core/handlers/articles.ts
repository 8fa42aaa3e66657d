import type { Core } from '../app/core';
import { summarize } from '../app/article-summary';
import { trashArticle } from '../app/trash';
import type { Handlers } from './handler';
import { articleView, requireArticle } from './article-view';

async function articleList(core: Core) {
  const { store } = core.session();
  return store.list('article').map((a) => summarize(a, store.highlightsOf(a.id)));
}

async function articleGet(core: Core, { id }: { id: string }) {
  return articleView(core, id);
}

/** Into the Trash, with its highlights; restorable from there (or with undo). */
async function articleDelete(core: Core, { id }: { id: string }) {
  const session = core.writable();
  const article = requireArticle(core, id);
  const now = core.now().toISOString();
  await session.commit(`Delete article “${article.title}”`, (tx) => {
    const current = tx.get('article', id);
    if (current) trashArticle(tx, current, now);
  });
  return { id };
}

export const articleHandlers = { articleList, articleGet, articleDelete } satisfies Handlers<
  'articleList' | 'articleGet' | 'articleDelete'
>;
