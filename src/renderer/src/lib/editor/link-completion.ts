// `[[` and `![[` completion: the core ranks notes, articles, tags and highlights (and, after `Title#`, a note's
// headings or an article's passages); the list is keyboard-driven (↑ ↓ Enter Tab Esc) as CodeMirror's is.
import type {
  Completion,
  CompletionContext,
  CompletionResult,
  CompletionSource,
} from '@codemirror/autocomplete';
import type { EditorView } from '@codemirror/view';
import type { LinkSuggestion } from '../../../../main/core/notes/note-views';

// Linear: from each `[[`, the class stops at the next bracket or line end.
const OPEN_LINK = /!?\[\[([^[\]\n]*)$/;

export function linkCompletion(suggest: (query: string) => Promise<LinkSuggestion[]>): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const m = OPEN_LINK.exec(before);
    if (!m) return null;
    const query = m[1] ?? '';
    const from = context.pos - query.length;
    let found: LinkSuggestion[];
    try {
      found = await suggest(query);
    } catch {
      return null;
    }
    if (context.aborted) return null;
    const options = found.map((s, i): Completion => ({
      label: s.title,
      detail: s.detail,
      type: s.kind,
      // The core's order, best first.
      boost: 99 - Math.min(i, 198),
      apply: (view: EditorView, _c: Completion, start: number, end: number) => {
        // Close the link, or step over the `]]` already there (typed, or added by bracket closing).
        const after = view.state.sliceDoc(end, end + 2);
        const closing = after === ']]' ? 2 : after.startsWith(']') ? 1 : 0;
        const insert = `${s.target}]]`;
        view.dispatch({
          changes: { from: start, to: end + closing, insert },
          selection: { anchor: start + insert.length },
          userEvent: 'input.complete',
        });
      },
    }));
    return { from, to: context.pos, options, filter: false };
  };
}
