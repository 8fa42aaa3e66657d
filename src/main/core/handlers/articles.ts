import type { ApiHandlers } from '../api-contract';
import type { Highlight } from '../types';
import type { Core } from '../app/core';
import { QuireError } from '../errors';
import { collectImportFiles } from '../import/walk';
import { fileSource, ImportBatch, type ImportSource } from '../app/import-batch';
import { articleView, requireArticle, summarize } from './article-view';

type ArticleMethods =
  'importPaths' | 'importFiles' | 'importCancel' | 'articleList' | 'articleGet' | 'articleDelete';

export function articleHandlers(core: Core): Pick<ApiHandlers, ArticleMethods> {
  let running: ImportBatch | null = null;
  let busy = false;

  /** Claims the single import slot before any await, so two imports can never interleave. */
  async function runBatch(
    prepare: () => Promise<{ sources: ImportSource[]; failures: { file: string; error: string }[] }>,
  ) {
    core.writable();
    if (busy) {
      throw new QuireError(
        'IMPORT_BUSY',
        'An import is already running. Wait for it to finish or cancel it first.',
      );
    }
    busy = true;
    try {
      const { sources, failures } = await prepare();
      running = new ImportBatch(core, sources, failures);
      return await running.run();
    } finally {
      busy = false;
      running = null;
    }
  }

  return {
    importPaths: async ({ paths }) =>
      runBatch(async () => {
        const { files, skipped } = await collectImportFiles(paths);
        return { sources: files.map(fileSource), failures: skipped };
      }),
    importFiles: async ({ files }) =>
      runBatch(async () => ({
        sources: files.map(({ name, data }): ImportSource => {
          const bytes = new Uint8Array(Buffer.from(data, 'base64'));
          return { name, read: async () => bytes };
        }),
        failures: [],
      })),
    importCancel: async () => {
      running?.cancel();
      return { cancelled: running !== null };
    },
    articleList: async () => {
      const { store } = core.session();
      const byArticle = groupHighlights(store.highlights());
      return store.articles().map((a) => summarize(a, byArticle.get(a.id) ?? []));
    },
    articleGet: async ({ id }) => articleView(core, id),
    articleDelete: async ({ id }) => {
      const session = core.writable();
      requireArticle(core, id);
      // Highlights go first: an article without its highlights is recoverable by re-import; dangling
      // highlights pointing at nothing are not useful to anyone.
      await session.store.updateAnnotations((d) => {
        d.highlights = d.highlights.filter((h) => h.articleId !== id);
      });
      await session.store.deleteArticle(id);
      session.unindexArticle(id);
      core.emit('changed', { what: 'articles' });
      return { id };
    },
  };
}

function groupHighlights(highlights: readonly Highlight[]): Map<string, Highlight[]> {
  const map = new Map<string, Highlight[]>();
  for (const h of highlights) {
    const list = map.get(h.articleId);
    if (list) list.push(h);
    else map.set(h.articleId, [h]);
  }
  return map;
}
