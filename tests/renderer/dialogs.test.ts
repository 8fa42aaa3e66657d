// Error paths keep the dialog open with the message, so the researcher can correct what they typed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerNotebook, info, settle, startApp, tag } from './app';
import { FakeBridge } from './fake-bridge';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
  document.body.innerHTML = '';
});

let flushSync: () => void = () => undefined;

function type(value: string): void {
  const input = document.querySelector<HTMLInputElement>('dialog input[type="text"]');
  if (!input) throw new Error('no text field in the dialog');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

async function submit(): Promise<void> {
  document
    .querySelector('dialog form')
    ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await settle();
  flushSync();
}

const alert = () => document.querySelector('dialog [role="alert"]')?.textContent ?? null;

describe('the rename-tag prompt', () => {
  it('stays open with the core’s message when the rename is refused, and closes once it succeeds', async () => {
    const bridge = new FakeBridge();
    answerNotebook(bridge, { tags: [tag('t1', 'arms', 1), tag('t2', 'trade')] });
    const app = await startApp(bridge);
    await app.sync.load();
    const { default: PromptDialog } = await import('../../src/renderer/src/components/PromptDialog.svelte');
    const closed = app.tags.rename('t1', 'arms');
    const request = app.ui.prompt;
    if (!request) throw new Error('rename did not ask for a name');
    const { mount, unmount } = app.svelte;
    flushSync = app.svelte.flushSync;
    const component = mount(PromptDialog, { target: document.body, props: { request } });
    cleanup = () => void unmount(component);
    flushSync();

    bridge.fail('tagUpdate', 'BAD_INPUT', 'A tag name cannot hold a slash.');
    type('arms/trade');
    await submit();
    expect(alert()).toBe('A tag name cannot hold a slash.');
    expect(app.ui.prompt).toBe(request);
    expect(document.querySelector('dialog')?.hasAttribute('open')).toBe(true);
    expect(document.querySelector<HTMLInputElement>('dialog input')?.value).toBe('arms/trade');

    bridge.answer('tagUpdate', ({ id, name }) => {
      const { count: _count, ...renamed } = tag(id, name ?? '');
      return renamed;
    });
    type('arms trade');
    await submit();
    expect(app.ui.prompt).toBeNull();
    await closed;
    expect(bridge.calls.filter((c) => c.method === 'tagUpdate').map((c) => c.input)).toEqual([
      { id: 't1', name: 'arms/trade' },
      { id: 't1', name: 'arms trade' },
    ]);
  });

  it('offers to merge when the new name is another tag’s, and merges only when asked', async () => {
    const bridge = new FakeBridge();
    answerNotebook(bridge, { tags: [tag('t1', 'arms', 3), tag('t2', 'trade', 1)] });
    const app = await startApp(bridge);
    await app.sync.load();
    const { default: PromptDialog } = await import('../../src/renderer/src/components/PromptDialog.svelte');
    const closed = app.tags.rename('t1', 'arms');
    const request = app.ui.prompt;
    if (!request) throw new Error('rename did not ask for a name');
    const { mount, unmount } = app.svelte;
    flushSync = app.svelte.flushSync;
    const component = mount(PromptDialog, { target: document.body, props: { request } });
    cleanup = () => void unmount(component);
    flushSync();

    bridge.fail('tagUpdate', 'CONFLICT', 'A tag named “trade” already exists: merge “arms” into it.');
    bridge.answer('tagMerge', () => ({
      into: (({ count: _c, ...t }) => t)(tag('t2', 'trade')),
      merged: 1,
      highlightsRetagged: 3,
      duplicatesCollapsed: 0,
      subTagsMoved: 0,
    }));
    type('Trade');
    await submit();
    expect(app.ui.prompt).toBeNull();
    await vi.waitFor(() => expect(app.ui.choice?.title).toBe('Merge tags?'));
    expect(app.ui.choice?.message).toContain('3 highlights');
    app.ui.closeChoice('merge');
    await closed;
    expect(bridge.calls.filter((c) => c.method === 'tagMerge').map((c) => c.input)).toEqual([
      { ids: ['t1'], into: 't2' },
    ]);
  });

  it('says an empty name cannot be used without calling the API', async () => {
    const bridge = new FakeBridge();
    answerNotebook(bridge, { tags: [tag('t1', 'arms', 1)] });
    const app = await startApp(bridge);
    const { default: PromptDialog } = await import('../../src/renderer/src/components/PromptDialog.svelte');
    void app.tags.rename('t1', 'arms');
    const request = app.ui.prompt;
    if (!request) throw new Error('rename did not ask for a name');
    const { mount, unmount } = app.svelte;
    flushSync = app.svelte.flushSync;
    const component = mount(PromptDialog, { target: document.body, props: { request } });
    cleanup = () => void unmount(component);
    type('   ');
    await submit();
    expect(alert()).toBe('Tag name cannot be empty.');
    expect(app.ui.prompt).toBe(request);
    expect(bridge.methods()).not.toContain('tagUpdate');
  });
});

describe('the notebook dialog', () => {
  it('stays open with the reason when the notebook cannot be opened, and the open notebook stays', async () => {
    const bridge = new FakeBridge();
    answerNotebook(bridge);
    bridge.answer('notebookRecent', () => []);
    const app = await startApp(bridge);
    await app.sync.load();
    const { default: NotebookDialog } =
      await import('../../src/renderer/src/components/NotebookDialog.svelte');
    app.ui.notebookDialogOpen = true;
    const { mount, unmount } = app.svelte;
    flushSync = app.svelte.flushSync;
    const component = mount(NotebookDialog, { target: document.body });
    cleanup = () => void unmount(component);
    flushSync();

    const locked = 'Another Quire process has /home/ana/Field notes open. Close it there first.';
    bridge.fail('notebookOpen', 'NOTEBOOK_LOCKED', locked);
    type('/home/ana/Field notes');
    await submit();
    expect(alert()).toBe(locked);
    expect(app.ui.notebookDialogOpen).toBe(true);
    expect(app.notebook.info?.path).toBe('/home/ana/Notebook');

    bridge.answer('notebookOpen', ({ path }) => info({ name: 'Field notes', path }));
    await submit();
    expect(app.ui.notebookDialogOpen).toBe(false);
    expect(app.notebook.info?.name).toBe('Field notes');
  });
});
