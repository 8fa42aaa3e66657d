import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import { exportNotes } from '../export/markdown';
import { writeExport, zipExport } from '../export/write';
import type { Handlers } from './handler';

function files(core: Core) {
  const { store } = core.session();
  return exportNotes({
    notes: [...store.list('note')],
    articles: new Map(store.list('article').map((a) => [a.id, a])),
    highlights: new Map(store.list('highlight').map((h) => [h.id, h])),
    tags: new Map(store.list('tag').map((t) => [t.id, t])),
  });
}

async function exportMarkdown(core: Core, { dir, onConflict }: ApiParsedInput<'exportMarkdown'>) {
  return writeExport(dir, files(core), onConflict);
}

async function exportMarkdownZip(core: Core) {
  const list = files(core);
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
}

export const exportHandlers = { exportMarkdown, exportMarkdownZip } satisfies Handlers<
  'exportMarkdown' | 'exportMarkdownZip'
>;
