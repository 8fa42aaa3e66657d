// Paste in a note: text copied from the reader becomes a citation (quote + link back to the passage); a web
// address becomes a link (around the selected words when there are some); anything else pastes as text.
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { quoteMarkdown } from '../../../../main/core/notes/citations';
import { readCitation } from '../citation-clipboard';
import { blockInsert } from './block-insert';

const WEB_ADDRESS = /^https?:\/\/[^\s<>]+$/i;

export const pasteHandler = EditorView.domEventHandlers({
  paste(event, view) {
    const data = event.clipboardData;
    if (!data || view.state.readOnly) return false;
    const citation = readCitation(data);
    if (citation) {
      event.preventDefault();
      const markdown = quoteMarkdown(
        citation.text,
        { id: citation.articleId, title: citation.articleTitle },
        citation.passageId,
        citation.highlightId,
      );
      view.dispatch(blockInsert(view.state, markdown, 'input.paste'));
      return true;
    }
    const text = data.getData('text/plain').trim();
    if (!WEB_ADDRESS.test(text)) return false;
    event.preventDefault();
    const tr = view.state.changeByRange((range) => {
      const selected = view.state.sliceDoc(range.from, range.to);
      const insert =
        selected.trim() === '' || selected.includes('\n') ? `<${text}>` : `[${selected}](${text})`;
      return {
        changes: { from: range.from, to: range.to, insert },
        range: EditorSelection.cursor(range.from + insert.length),
      };
    });
    view.dispatch(view.state.update(tr, { userEvent: 'input.paste', scrollIntoView: true }));
    return true;
  },
});
