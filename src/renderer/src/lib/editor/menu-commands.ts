// Desktop menu accelerators (Ctrl/Cmd+Z, Shift+Z, F, K) arrive as commands, not keys. While a note editor has
// the focus they mean what the keys mean there: undo typing, find in the note, insert a link.
import { redo, undo } from '@codemirror/commands';
import { openSearchPanel } from '@codemirror/search';
import { EditorView } from '@codemirror/view';
import { insertLink } from './format-commands';

export function runInFocusedEditor(id: string): boolean {
  const el =
    document.activeElement instanceof HTMLElement
      ? document.activeElement.closest<HTMLElement>('.cm-editor')
      : null;
  const view = el ? EditorView.findFromDOM(el) : null;
  if (!view) return false;
  switch (id) {
    case 'undo':
      undo(view);
      return true;
    case 'redo':
      redo(view);
      return true;
    case 'focus-search':
      return openSearchPanel(view);
    case 'quick-open':
      return insertLink(view);
    default:
      return false;
  }
}
