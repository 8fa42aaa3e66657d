// Undo and redo: what they would do (shown in the palette and menus) and running them. The views follow the
// change sets they commit, like any other edit.
import type { CommitEvent, UndoState } from '../../../main/core/api-contract';
import { api } from '../lib/api-client';
import { notes } from './notes.svelte';
import { ui } from './ui.svelte';

class HistoryState {
  state = $state<UndoState>({ undo: null, redo: null });

  async load(): Promise<void> {
    try {
      this.state = await api.undoState({});
    } catch (e) {
      ui.error(e);
    }
  }

  apply(e: CommitEvent): void {
    this.state = e.undo;
  }

  async undo(): Promise<void> {
    await this.step('undo');
  }

  async redo(): Promise<void> {
    await this.step('redo');
  }

  private async step(which: 'undo' | 'redo'): Promise<void> {
    // Typing not yet saved is part of the note: save it first so undo never throws it away.
    await notes.flush();
    try {
      const { label, state } = which === 'undo' ? await api.undo({}) : await api.redo({});
      this.state = state;
      ui.toast(`${which === 'undo' ? 'Undone' : 'Redone'}: ${label}`, { ms: 3000 });
    } catch (e) {
      ui.error(e);
      await this.load();
    }
  }
}

export const history = new HistoryState();
