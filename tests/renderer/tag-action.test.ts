// Issue 10: after a tag action the UI makes exactly one API call and updates from exactly one committed event —
// the highlight in the reader, the tag's count in the sidebar and the article's counts in the list.
import { describe, expect, it } from 'vitest';
import type { Tag } from '../../src/main/core/types';
import { answerNotebook, article, committed, highlight, settle, startApp, tag, view } from './app';
import { FakeBridge } from './fake-bridge';

const a1 = article('a1');
const armsTrade: Tag = {
  id: 't1',
  name: 'arms-trade',
  parentId: null,
  description: '',
  order: 0,
  color: '#3366cc',
  memo: '',
  createdAt: '2026-11-22T10:00:00.000Z',
};
const h1 = highlight('h1', 'a1', ['t1']);
const tagged = committed(11, {
  label: 'Tag a passage “arms-trade”',
  records: [
    { kind: 'tag', id: 't1', after: armsTrade },
    { kind: 'highlight', id: 'h1', after: h1 },
  ],
  articles: [{ ...a1, tagCount: 1, highlightCount: 1 }],
  tagCounts: { t1: 1 },
  undo: { undo: 'Undo: Tag a passage “arms-trade”', redo: null },
});

async function readerWithSelection() {
  const bridge = new FakeBridge();
  answerNotebook(bridge, { articles: [a1], tags: [tag('t0', 'fomin', 2)] });
  bridge.answer('articleGet', () => view(a1));
  const app = await startApp(bridge);
  app.sync.listen();
  await app.sync.load();
  await app.reader.open('a1');
  app.reader.selection = { start: 0, end: 15, text: 'Alexander Fomin', rect: new DOMRect() };
  app.reader.pickerOpen = true;
  bridge.clearCalls();
  return { bridge, app };
}

describe('tagging a selection', () => {
  it.each([
    ['before the answer (IPC)', 'before'],
    ['after the answer (browser mode’s event stream)', 'after'],
  ] as const)(
    'is one API call, and the one committed event arriving %s updates reader, tags and library',
    async (_when, order) => {
      const { bridge, app } = await readerWithSelection();
      bridge.answer('highlightCreate', () => {
        if (order === 'before') bridge.emit('committed', tagged);
        else setTimeout(() => bridge.emit('committed', tagged), 0);
        return h1;
      });
      await app.reader.tagSelection([], ['arms-trade']);
      await settle();

      expect(bridge.methods()).toEqual(['highlightCreate']);
      expect(bridge.calls[0]?.input).toEqual({
        articleId: 'a1',
        start: 0,
        end: 15,
        tagIds: [],
        tagNames: ['arms-trade'],
      });
      expect(app.reader.view?.highlights).toEqual([h1]);
      expect(app.reader.view?.article).toMatchObject({ tagCount: 1, highlightCount: 1 });
      expect(app.tags.list.map((t) => [t.name, t.count])).toEqual([
        ['arms-trade', 1],
        ['fomin', 2],
      ]);
      expect(app.library.byId.get('a1')).toMatchObject({ tagCount: 1, highlightCount: 1 });
      expect(app.history.state).toEqual({ undo: 'Undo: Tag a passage “arms-trade”', redo: null });
      expect(app.reader.selection).toBeNull();
      expect(app.reader.pickerOpen).toBe(false);
    },
  );

  it('keeps the selection and the picker when the call fails, and changes nothing', async () => {
    const { bridge, app } = await readerWithSelection();
    bridge.fail(
      'highlightCreate',
      'CONFLICT',
      'The article’s text changed while you were selecting; select the passage again.',
    );
    await expect(app.reader.tagSelection([], ['arms-trade'])).rejects.toThrow(/select the passage again/);
    expect(bridge.methods()).toEqual(['highlightCreate']);
    expect(app.reader.selection).not.toBeNull();
    expect(app.reader.pickerOpen).toBe(true);
    expect(app.reader.view?.highlights).toEqual([]);
    expect(app.tags.list.map((t) => t.name)).toEqual(['fomin']);
  });
});
