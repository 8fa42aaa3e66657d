// The renderer's state modules, loaded fresh for each test against a fake bridge (they are singletons, and the API
// client picks up `window.quire` when it is first imported), plus builders for what the contract returns.
import type * as Svelte from 'svelte';
import { vi } from 'vitest';
import type * as syncModule from '../../src/renderer/src/state/sync.svelte';
import type * as libraryModule from '../../src/renderer/src/state/library.svelte';
import type * as tagsModule from '../../src/renderer/src/state/tags.svelte';
import type * as readerModule from '../../src/renderer/src/state/reader.svelte';
import type * as notesModule from '../../src/renderer/src/state/notes.svelte';
import type * as trashModule from '../../src/renderer/src/state/trash.svelte';
import type * as historyModule from '../../src/renderer/src/state/history.svelte';
import type * as searchModule from '../../src/renderer/src/state/search.svelte';
import type * as uiModule from '../../src/renderer/src/state/ui.svelte';
import type * as notebookModule from '../../src/renderer/src/state/notebook.svelte';
import type { ArticleSummary, ArticleView, CommitEvent, TagSummary } from '../../src/main/core/api-contract';
import type { CoderCount } from '../../src/main/core/sync/views';
import type { Highlight, Note, NotebookInfo } from '../../src/main/core/types';
import type { FakeBridge } from './fake-bridge';

/** The renderer's state modules (the singletons the components use) and the Svelte runtime they run on. */
export interface App {
  svelte: typeof Svelte;
  sync: typeof syncModule.sync;
  library: typeof libraryModule.library;
  tags: typeof tagsModule.tags;
  reader: typeof readerModule.reader;
  notes: typeof notesModule.notes;
  trash: typeof trashModule.trash;
  history: typeof historyModule.history;
  search: typeof searchModule.search;
  ui: typeof uiModule.ui;
  notebook: typeof notebookModule.notebook;
}

/** `keepStorage`: what the last page left in localStorage stays (a reload); else the page starts empty. */
export async function startApp(bridge: FakeBridge, { keepStorage = false } = {}): Promise<App> {
  if (!keepStorage) localStorage.clear();
  window.quire = bridge;
  vi.resetModules();
  const [svelte, sync, library, tags, reader, notes, trash, history, search, ui, notebook] =
    await Promise.all([
      // The same Svelte runtime instance as the modules below, for mounting components.
      import('svelte'),
      import('../../src/renderer/src/state/sync.svelte'),
      import('../../src/renderer/src/state/library.svelte'),
      import('../../src/renderer/src/state/tags.svelte'),
      import('../../src/renderer/src/state/reader.svelte'),
      import('../../src/renderer/src/state/notes.svelte'),
      import('../../src/renderer/src/state/trash.svelte'),
      import('../../src/renderer/src/state/history.svelte'),
      import('../../src/renderer/src/state/search.svelte'),
      import('../../src/renderer/src/state/ui.svelte'),
      import('../../src/renderer/src/state/notebook.svelte'),
    ]);
  return {
    svelte,
    sync: sync.sync,
    library: library.library,
    tags: tags.tags,
    reader: reader.reader,
    notes: notes.notes,
    trash: trash.trash,
    history: history.history,
    search: search.search,
    ui: ui.ui,
    notebook: notebook.notebook,
  };
}

/** Lets promise chains started by event handlers (reloads, refreshes) run to the end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

export const info = (over: Partial<NotebookInfo> = {}): NotebookInfo => ({
  name: 'Myanmar research',
  path: '/home/ana/Notebook',
  readOnly: false,
  readOnlyReason: null,
  notices: [],
  articleCount: 0,
  noteCount: 0,
  tagCount: 0,
  seq: 10,
  ...over,
});

export const article = (id: string, over: Partial<ArticleSummary> = {}): ArticleSummary => ({
  id,
  title: `Article ${id}`,
  author: null,
  published: '2017-06-24',
  source: 'Irrawaddy',
  url: null,
  language: 'en',
  format: 'txt',
  file: `${id}.txt`,
  sourceHash: `s-${id}`,
  textHash: `t-${id}`,
  words: 7,
  passageCount: 2,
  importedAt: '2026-11-22T10:00:00.000Z',
  tagCount: 0,
  highlightCount: 0,
  ...over,
});

export const tag = (id: string, name: string, count = 0): TagSummary => ({
  id,
  name,
  parentId: null,
  description: '',
  order: 0,
  color: '#3366cc',
  memo: '',
  createdAt: '2026-11-22T10:00:00.000Z',
  count,
});

const TEXT = 'Alexander Fomin remarked on arms.\n\nA second paragraph.';

export const highlight = (id: string, articleId: string, tagIds: string[] = []): Highlight => ({
  id,
  articleId,
  passageId: 'p1',
  tagIds,
  position: { start: 0, end: 15 },
  quote: { exact: 'Alexander Fomin', prefix: '', suffix: ' remarked on arms.' },
  memo: '',
  createdAt: '2026-11-22T10:00:00.000Z',
  orphaned: false,
});

export const view = (a: ArticleSummary, highlights: Highlight[] = []): ArticleView => ({
  article: a,
  text: TEXT,
  passages: [
    { id: 'p1', kind: 'paragraph', start: 0, end: 33, text: TEXT.slice(0, 33) },
    { id: 'p2', kind: 'paragraph', start: 35, end: TEXT.length, text: TEXT.slice(35) },
  ],
  highlights,
  backlinks: [],
  notice: null,
});

export const note = (id: string, title: string, body = ''): Note => ({
  id,
  title,
  body,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
});

export const committed = (seq: number, over: Partial<CommitEvent> = {}): CommitEvent => ({
  seq,
  label: 'A change',
  origin: 'user',
  records: [],
  articles: [],
  tagCounts: {},
  undo: { undo: 'Undo: A change', redo: null },
  trashCount: 0,
  ...over,
});

/** A notebook the app can load: its lists as given, everything else empty. */
export function answerNotebook(
  bridge: FakeBridge,
  lists: {
    seq?: number;
    articles?: ArticleSummary[];
    tags?: TagSummary[];
    notes?: Note[];
    trash?: number;
    coders?: CoderCount[];
  } = {},
): void {
  bridge
    .answer('notebookInfo', () => info({ seq: lists.seq ?? 10 }))
    .answer('coderList', () => ({ coders: lists.coders ?? [] }))
    .answer('articleList', () => lists.articles ?? [])
    .answer('tagList', () => lists.tags ?? [])
    .answer('noteList', () =>
      (lists.notes ?? []).map(({ id, title, createdAt, updatedAt }) => ({ id, title, createdAt, updatedAt })),
    )
    .answer('undoState', () => ({ undo: null, redo: null }))
    .answer('trashList', () =>
      Array.from({ length: lists.trash ?? 0 }, (_, i) => ({
        id: `x${i}`,
        kind: 'note' as const,
        title: `Deleted ${i}`,
        deletedAt: '2026-11-22T10:00:00.000Z',
        detail: '',
      })),
    );
}
