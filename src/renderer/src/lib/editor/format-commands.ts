// Ctrl/Cmd+B, I and K: wrap the selection in `**`, `*`, or make it a link; applied again, unwrap it.
import { EditorSelection, type ChangeSpec, type StateCommand } from '@codemirror/state';

function toggleWrap(marker: string): StateCommand {
  return ({ state, dispatch }) => {
    const n = marker.length;
    const tr = state.changeByRange((range) => {
      const before = state.sliceDoc(range.from - n, range.from);
      const after = state.sliceDoc(range.to, range.to + n);
      // Already wrapped (and not just the inner half of a longer marker): unwrap.
      if (
        before === marker &&
        after === marker &&
        state.sliceDoc(range.from - n - 1, range.from - n) !== marker[0]
      ) {
        return {
          changes: [
            { from: range.from - n, to: range.from },
            { from: range.to, to: range.to + n },
          ],
          range: EditorSelection.range(range.from - n, range.to - n),
        };
      }
      const inner = state.sliceDoc(range.from, range.to);
      if (inner.length > 2 * n && inner.startsWith(marker) && inner.endsWith(marker)) {
        return {
          changes: { from: range.from, to: range.to, insert: inner.slice(n, -n) },
          range: EditorSelection.range(range.from, range.to - 2 * n),
        };
      }
      return {
        changes: [
          { from: range.from, insert: marker },
          { from: range.to, insert: marker },
        ],
        range: EditorSelection.range(range.from + n, range.to + n),
      };
    });
    dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }));
    return true;
  };
}

export const toggleBold = toggleWrap('**');
export const toggleItalic = toggleWrap('*');

/** `[selection](|)` with the caret in the address; a selected web address becomes `[|](address)`. */
export const insertLink: StateCommand = ({ state, dispatch }) => {
  const tr = state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (/^https?:\/\/\S+$/.test(text)) {
      const changes: ChangeSpec = { from: range.from, to: range.to, insert: `[](${text})` };
      return { changes, range: EditorSelection.cursor(range.from + 1) };
    }
    const changes: ChangeSpec = { from: range.from, to: range.to, insert: `[${text}]()` };
    const caret = range.from + text.length + 3;
    return {
      changes,
      range: text === '' ? EditorSelection.cursor(range.from + 1) : EditorSelection.cursor(caret),
    };
  });
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: 'input.format' }));
  return true;
};
