import { basename } from 'node:path';
import type { ApiHandlers, ArticleSummary } from '../api-contract';
import type { ArticleRecord, Highlight } from '../types';
import type { Core } from '../app/core';
import { QuireError } from '../errors';
import { collectImportFiles } from '../import/walk';
import { fileSource, ImportBatch, type ImportSource } from '../app/import-batch';
import { articleBacklinks } from '../notes/backlinks';

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
    articleGet: async ({ id }) => {
      const session = core.session();
      const record = requireArticle(core, id);
      const body = await session.body(id);
      const highlights = session.store.highlights().filter((h) => h.articleId === id);
      return {
        article: summarize(record, highlights),
        text: body.text,
        passages: body.passages.map((p) => ({ ...p, text: body.text.slice(p.start, p.end) })),
        highlights,
        backlinks: articleBacklinks([...session.store.notes()], id),
      };
    },
    articleDelete: async ({ id }) => {
      const session = core.writable();
      requireArticle(core, id);
      // Highlights go first: an article without its highlights is recoverable by re-import; dangling
      // highlights pointing at nothing are not useful to anyone.
      await session.store.updateAnnotations((d) => {
        d.highlights = d.highlights.filter((h) => h.articleId !== id);
      });
      await session.store.deleteArticle(id);
      session.forgetBody(id);
      session.index.removeArticle(id);
      session.indexChanged();
      core.emit('changed', { what: 'articles' });
      return { id };
    },
  };
}

export function requireArticle(core: Core, id: string): ArticleRecord {
  const record = core.session().store.article(id);
  if (!record)
    throw new QuireError('NOT_FOUND', `No article with id ${id} in this notebook; it may have been deleted.`);
  return record;
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

function summarize(record: ArticleRecord, highlights: readonly Highlight[]): ArticleSummary {
  const tags = new Set(highlights.flatMap((h) => h.tagIds));
  return { ...record, file: basename(record.file), tagCount: tags.size, highlightCount: highlights.length };
}
