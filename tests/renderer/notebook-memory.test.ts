// What the UI remembers (query, open article, sort order, section) belongs to one notebook: another notebook
// starts clean, and coming back to the first finds it as it was left — after a restart too.
import { describe, expect, it } from 'vitest';
import { answerNotebook, article, info, settle, startApp, view } from './app';
import { FakeBridge } from './fake-bridge';

const field = '/home/ana/Field notes';

function twoNotebooks(): FakeBridge {
  const bridge = new FakeBridge();
  answerNotebook(bridge, { articles: [article('a1'), article('a2')] });
  bridge
    .answer('articleGet', ({ id }) => view(article(id)))
    .answer('search', ({ query }) => ({
      query,
      total: 0,
      passageTotal: 0,
      groups: [],
      corrections: [],
      interpretation: '',
      warnings: [],
    }));
  return bridge;
}

describe('UI state kept per notebook', () => {
  it('another notebook starts clean; coming back restores the query, article, sort and section', async () => {
    const bridge = twoNotebooks();
    const app = await startApp(bridge);
    app.sync.listen();
    await app.sync.start();
    app.search.setQuery('fomin');
    await app.reader.open('a2');
    app.library.sortBy('published');

    bridge.answer('notebookInfo', () => info({ name: 'Field notes', path: field }));
    bridge.emit('notebook', info({ name: 'Field notes', path: field }));
    await settle();
    expect(app.search.query).toBe('');
    expect(app.ui.main).toBeNull();
    expect(app.reader.view).toBeNull();
    expect(app.library.sort).toEqual({ key: 'title', dir: 'asc' });
    expect(app.ui.center).toBe('library');
    app.ui.setSection('notes');

    bridge.answer('notebookInfo', () => info());
    bridge.emit('notebook', info());
    await settle();
    expect(app.search.query).toBe('fomin');
    expect(app.ui.center).toBe('search');
    expect(app.ui.main).toEqual({ kind: 'article', id: 'a2' });
    expect(app.reader.view?.article.id).toBe('a2');
    expect(app.library.sort).toEqual({ key: 'published', dir: 'asc' });
    expect(app.ui.section).toBe('library');
  });

  it('survives a restart of the page, and an article gone since is not reopened', async () => {
    const bridge = twoNotebooks();
    const first = await startApp(bridge);
    await first.sync.start();
    first.search.setQuery('arms');
    await first.reader.open('a1');

    const again = twoNotebooks();
    answerNotebook(again, { articles: [article('a2')] });
    const second = await startApp(again, { keepStorage: true });
    await second.sync.start();
    expect(second.search.query).toBe('arms');
    expect(second.ui.main).toBeNull();
    expect(again.methods()).not.toContain('articleGet');
  });
});
