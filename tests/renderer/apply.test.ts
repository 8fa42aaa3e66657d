// Each state module applies its part of a committed change set in place: no module reloads its list after a write.
import { describe, expect, it } from 'vitest';
import { answerNotebook, article, committed, highlight, note, settle, startApp, tag, view } from './app';
import { FakeBridge } from './fake-bridge';

async function loaded(lists: Parameters<typeof answerNotebook>[1] = {}) {
  const bridge = new FakeBridge();
  answerNotebook(bridge, { seq: 10, ...lists });
  const app = await startApp(bridge);
  app.sync.listen();
  await app.sync.load();
  bridge.clearCalls();
  return { bridge, app };
}

describe('state modules apply committed change sets', () => {
  it('library: imported articles appear, edited ones change, deleted ones go (and close in the reader)', async () => {
    const { bridge, app } = await loaded({ articles: [article('a1'), article('a2')] });
    app.ui.show({ kind: 'article', id: 'a2' });
    bridge.emit(
      'committed',
      committed(11, {
        records: [{ kind: 'article', id: 'a3', after: article('a3') }],
        articles: [article('a3')],
      }),
    );
    bridge.emit(
      'committed',
      committed(12, {
        records: [{ kind: 'article', id: 'a1', after: article('a1', { title: 'Renamed' }) }],
        articles: [article('a1', { title: 'Renamed' })],
      }),
    );
    bridge.emit(
      'committed',
      committed(13, { records: [{ kind: 'article', id: 'a2', after: null }], trashCount: 1 }),
    );
    expect(app.library.articles.map((a) => [a.id, a.title])).toEqual([
      ['a1', 'Renamed'],
      ['a3', 'Article a3'],
    ]);
    expect(app.ui.main).toBeNull();
    expect(app.trash.count).toBe(1);
    expect(bridge.calls).toEqual([]);
  });

  it('tags: created, renamed (re-sorted), recounted and deleted; a deleted chosen tag is unchosen', async () => {
    const { bridge, app } = await loaded({ tags: [tag('t1', 'arms', 3), tag('t2', 'fomin', 1)] });
    app.tags.selectedId = 't2';
    bridge.emit(
      'committed',
      committed(11, {
        records: [{ kind: 'tag', id: 't3', after: tag('t3', 'trade') }],
        tagCounts: { t3: 0 },
      }),
    );
    bridge.emit(
      'committed',
      committed(12, { records: [{ kind: 'tag', id: 't1', after: tag('t1', 'zinc') }], tagCounts: { t1: 3 } }),
    );
    bridge.emit('committed', committed(13, { tagCounts: { t3: 2, t1: 1 } }));
    expect(app.tags.list.map((t) => [t.name, t.count])).toEqual([
      ['fomin', 1],
      ['trade', 2],
      ['zinc', 1],
    ]);
    bridge.emit(
      'committed',
      committed(14, { records: [{ kind: 'tag', id: 't2', after: null }], tagCounts: { t2: 0 } }),
    );
    expect(app.tags.list.map((t) => t.id)).toEqual(['t3', 't1']);
    expect(app.tags.selectedId).toBeNull();
    expect(bridge.calls).toEqual([]);
  });

  it('reader: highlights of the open article follow; others are ignored; a new text is read once', async () => {
    const { bridge, app } = await loaded({ articles: [article('a1')] });
    const h1 = highlight('h1', 'a1', ['t1']);
    bridge.answer('articleGet', () => view(article('a1'), [h1]));
    await app.reader.open('a1');
    bridge.clearCalls();
    const h2 = highlight('h2', 'a1');
    bridge.emit('committed', committed(11, { records: [{ kind: 'highlight', id: 'h2', after: h2 }] }));
    bridge.emit(
      'committed',
      committed(12, { records: [{ kind: 'highlight', id: 'h9', after: highlight('h9', 'a7') }] }),
    );
    bridge.emit(
      'committed',
      committed(13, { records: [{ kind: 'highlight', id: 'h1', after: { ...h1, memo: 'check' } }] }),
    );
    bridge.emit('committed', committed(14, { records: [{ kind: 'highlight', id: 'h2', after: null }] }));
    expect(app.reader.view?.highlights).toEqual([{ ...h1, memo: 'check' }]);
    expect(bridge.calls).toEqual([]);

    const reextracted = article('a1', { bodyKey: 'k2' });
    bridge.emit(
      'committed',
      committed(15, {
        records: [{ kind: 'article', id: 'a1', after: reextracted }],
        articles: [reextracted],
      }),
    );
    await settle();
    expect(bridge.methods()).toEqual(['articleGet']);

    bridge.emit('committed', committed(16, { records: [{ kind: 'article', id: 'a1', after: null }] }));
    expect(app.reader.view).toBeNull();
  });

  it('notes: the list follows; the open note takes changes made elsewhere unless the researcher is typing', async () => {
    const alpha = note('n1', 'Alpha', 'First draft.');
    const { bridge, app } = await loaded({ notes: [alpha, note('n2', 'Beta')] });
    bridge.answer('noteGet', () => ({ note: alpha, backlinks: [], missingLinks: [] }));
    await app.notes.open('n1');
    bridge.clearCalls();

    // Undo of an edit: no unsaved typing, so the editor shows the note as it is now.
    bridge.emit(
      'committed',
      committed(11, { records: [{ kind: 'note', id: 'n1', after: { ...alpha, body: 'Older.' } }] }),
    );
    expect(app.notes.draft).toBe('Older.');
    // While typing, an echo must not throw away what is being typed.
    app.notes.edit('Typing…');
    bridge.emit(
      'committed',
      committed(12, { records: [{ kind: 'note', id: 'n1', after: { ...alpha, body: 'Other.' } }] }),
    );
    expect(app.notes.draft).toBe('Typing…');
    expect(app.notes.view?.note.body).toBe('Other.');

    bridge.emit(
      'committed',
      committed(13, { records: [{ kind: 'note', id: 'n3', after: note('n3', 'Gamma') }] }),
    );
    await settle();
    expect(app.notes.list.map((n) => n.title).sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
    // Another note changed: who links to the open one may have too, so its backlinks are read again.
    expect(bridge.methods()).toEqual(['noteGet']);

    bridge.answer('noteUpdate', ({ id, body }) => ({ ...alpha, id, body }));
    await app.notes.flush();
    bridge.emit(
      'committed',
      committed(14, { records: [{ kind: 'note', id: 'n1', after: null }], trashCount: 1 }),
    );
    expect(app.notes.view).toBeNull();
    expect(app.notes.list.map((n) => n.title).sort()).toEqual(['Beta', 'Gamma']);
  });

  it('trash count and undo labels come with every event; events already applied are ignored', async () => {
    const { bridge, app } = await loaded({ trash: 2 });
    expect(app.trash.count).toBe(2);
    bridge.emit(
      'committed',
      committed(11, { trashCount: 3, undo: { undo: 'Undo: Delete note “Alpha”', redo: null } }),
    );
    expect(app.trash.count).toBe(3);
    expect(app.history.state.undo).toBe('Undo: Delete note “Alpha”');
    bridge.emit('committed', committed(11, { trashCount: 9, undo: { undo: 'Undo: stale', redo: null } }));
    bridge.emit(
      'committed',
      committed(12, { trashCount: 2, undo: { undo: null, redo: 'Redo: Delete note “Alpha”' } }),
    );
    expect(app.trash.count).toBe(2);
    expect(app.history.state).toEqual({ undo: null, redo: 'Redo: Delete note “Alpha”' });
    expect(bridge.calls).toEqual([]);
  });
});

describe('a gap in the event sequence', () => {
  it('reloads every list from the API (an event was missed), then applies events again', async () => {
    const { bridge, app } = await loaded({ seq: 10, articles: [article('a1')] });
    answerNotebook(bridge, { seq: 15, articles: [article('a1'), article('a2')] });
    bridge.emit('committed', committed(15, { articles: [article('a2')] }));
    await settle();
    expect(bridge.methods().sort()).toEqual([
      'articleList',
      'coderList',
      'noteList',
      'notebookInfo',
      'tagList',
      'trashList',
      'undoState',
    ]);
    expect(app.library.articles.map((a) => a.id)).toEqual(['a1', 'a2']);
    bridge.clearCalls();
    bridge.emit('committed', committed(16, { articles: [article('a3')] }));
    expect(app.library.articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect(bridge.calls).toEqual([]);
  });
});
