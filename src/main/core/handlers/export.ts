import type { ApiHandlers } from '../api-contract';
import type { Core } from '../app/core';
import { exportNotes } from '../export/markdown';
import { writeExport, zipExport } from '../export/write';

export function exportHandlers(core: Core): Pick<ApiHandlers, 'exportMarkdown' | 'exportMarkdownZip'> {
  function files() {
    const { store } = core.session();
    return exportNotes({
      notes: [...store.notes()],
      articles: new Map(store.articles().map((a) => [a.id, a])),
      highlights: new Map(store.highlights().map((h) => [h.id, h])),
      tags: new Map(store.tags().map((t) => [t.id, t])),
    });
  }
  return {
    exportMarkdown: async ({ dir, onConflict }) => writeExport(dir, files(), onConflict),
    exportMarkdownZip: async () => {
      const list = files();
      const stamp = core.now().toISOString().slice(0, 10);
      const name =
        core
          .session()
          .store.name.replace(/[^\p{L}\p{N} _-]+/gu, '')
          .trim() || 'Quire';
      return {
        fileName: `${name} notes ${stamp}.zip`,
        data: Buffer.from(zipExport(list)).toString('base64'),
        count: list.length,
      };
    },
  };
}
