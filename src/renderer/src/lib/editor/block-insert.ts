// Inserting a block of Markdown (a citation) at the caret as a paragraph of its own: blank lines around it as
// needed, the caret after it.
import type { EditorState, TransactionSpec } from '@codemirror/state';

export function blockInsert(state: EditorState, markdown: string, userEvent: string): TransactionSpec {
  const { from: at, to } = state.selection.main;
  const before = state.sliceDoc(Math.max(0, at - 2), at);
  const after = state.sliceDoc(at, at + 1);
  const lead = at === 0 || before === '\n\n' ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' || after === '\n' ? '\n' : '\n\n';
  const insert = `${lead}${markdown}${trail}`;
  return {
    changes: { from: at, to, insert },
    selection: { anchor: at + insert.length },
    scrollIntoView: true,
    userEvent,
  };
}
