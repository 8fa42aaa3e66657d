// The Conflicts view's merge editor: prefilled with the three-way merge, saved with Ctrl/⌘+Enter as the current
// version with its text replaced, refused with a sentence while conflict markers remain unless the researcher
// confirms, and one undo step away from the text shown before.
import { afterEach, describe, expect, it } from 'vitest';
import type { Conflict } from '../../src/main/core/sync/views';
import { settle, startApp } from './app';
import { FakeBridge } from './fake-bridge';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
  document.body.innerHTML = '';
});

const note = (body: string, by: string) => ({
  id: 'n1',
  title: 'Plan',
  body,
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:05:00.000Z',
  author: 'ana',
  updatedBy: by,
});

const marked = ['Intro', '<<<<<<< ana', 'Ana’s line', '=======', 'Ben’s line', '>>>>>>> ben', 'End'].join(
  '\n',
);

const conflict: Conflict = {
  docId: 'note:n1',
  kind: 'note',
  id: 'n1',
  title: 'Plan',
  type: 'edited',
  versions: [
    { rev: '2-a', record: note('Intro\nAna’s line\nEnd', 'ana'), by: 'ana', current: true },
    { rev: '2-b', record: note('Intro\nBen’s line\nEnd', 'ben'), by: 'ben', current: false },
  ],
  merged: null,
  draft: { field: 'body', text: marked, conflicts: 1 },
};

async function mountEditor() {
  const bridge = new FakeBridge();
  bridge.answer('syncConflicts', () => []);
  bridge.answer('syncSettle', () => ({
    shared: true,
    server: 'http://127.0.0.1:5984',
    db: 'team',
    author: 'ana',
    status: { state: 'synced', at: null },
    words: 'Synced',
    conflicts: 0,
  }));
  const app = await startApp(bridge);
  const { default: MergeEditor } = await import('../../src/renderer/src/components/MergeEditor.svelte');
  const component = app.svelte.mount(MergeEditor, {
    target: document.body,
    props: { conflict, draft: conflict.draft! },
  });
  cleanup = () => void app.svelte.unmount(component);
  app.svelte.flushSync();
  const textarea = document.querySelector('textarea')!;
  const edit = (text: string) => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    app.svelte.flushSync();
  };
  const saveByKey = async () => {
    textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await settle();
    app.svelte.flushSync();
  };
  const settled = () => bridge.calls.filter((c) => c.method === 'syncSettle').map((c) => c.input);
  return { app, bridge, textarea, edit, saveByKey, settled };
}

const alertText = () =>
  document.querySelector('[role="alert"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name) ?? null;

describe('the merge editor', () => {
  it('starts from the merge with markers, refuses to save while they remain, and saves once they are gone', async () => {
    const { app, textarea, edit, saveByKey, settled } = await mountEditor();
    expect(textarea.value).toBe(marked);

    await saveByKey();
    expect(settled()).toEqual([]);
    expect(alertText()).toContain('still has 3 conflict marker lines');

    edit('Intro\nAna’s line, and Ben’s\nEnd');
    expect(alertText()).toBeNull();
    await saveByKey();
    expect(settled()).toEqual([
      { docId: 'note:n1', record: { ...note('Intro\nAna’s line, and Ben’s\nEnd', 'ana') } },
    ]);
    const toast = app.ui.toasts.at(-1);
    expect(toast?.message).toBe('Settled “Plan”: saved the merged text.');
    expect(toast?.action?.label).toBe('Undo');
  });

  it('saves with the markers when the researcher confirms', async () => {
    const { saveByKey, settled } = await mountEditor();
    await saveByKey();
    button('Save with the markers')!.click();
    await settle();
    expect(settled()).toEqual([{ docId: 'note:n1', record: note(marked, 'ana') }]);
  });

  it('the toast’s Undo undoes the settling (one step)', async () => {
    const { app, bridge, edit, saveByKey } = await mountEditor();
    bridge.answer('undo', () => ({
      label: 'Settle the conflict in “Plan”',
      state: { undo: null, redo: 'Settle the conflict in “Plan”' },
    }));
    edit('Merged');
    await saveByKey();
    await app.ui.toasts.at(-1)!.action!.run();
    expect(bridge.calls.map((c) => c.method)).toContain('undo');
  });
});
