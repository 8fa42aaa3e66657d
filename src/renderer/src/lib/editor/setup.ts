// The note editor: CodeMirror 6 with Markdown (GFM + wikilinks), live preview, `[[` completion, find and replace,
// formatting shortcuts, list continuation, the OS spellchecker, and paste that understands the reader's copies.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown, markdownLanguage } from '@codemirror/lang-markdown';
import { syntaxTree } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, keymap, placeholder, type Command } from '@codemirror/view';
import type { SyntaxNode } from '@lezer/common';
import type { EmbedView, LinkSuggestion } from '../../../../main/core/notes/note-views';
import { isMod } from '../platform';
import { insertLink, toggleBold, toggleItalic } from './format-commands';
import { linkCompletion } from './link-completion';
import { livePreview } from './live-preview';
import { pasteHandler } from './paste';
import { editorTheme, markdownHighlight } from './theme';
import { wikilinkParts, wikilinkSyntax } from './wikilink-syntax';

export interface EditorHooks {
  suggest(query: string): Promise<LinkSuggestion[]>;
  openEmbed(view: EmbedView): void;
  followLink(target: string): void;
  openAddress(href: string): void;
  /** The text changed (typing, undo, paste): the host saves it soon. */
  changed(): void;
}

/** What the caret is on: a `[[link]]` or embed (its target), a Markdown link (its address), or nothing. */
function linkAt(state: EditorState, pos: number): { target: string } | { href: string } | null {
  for (let node: SyntaxNode | null = syntaxTree(state).resolveInner(pos, -1); node; node = node.parent) {
    if (node.name === 'Wikilink' || node.name === 'Embed') {
      const open = node.name === 'Embed' ? 3 : 2;
      return { target: wikilinkParts(state.sliceDoc(node.from + open, node.to - 2)).target };
    }
    if (node.name === 'Link' || node.name === 'Autolink') {
      const url = node.getChild('URL');
      return url ? { href: state.sliceDoc(url.from, url.to) } : null;
    }
  }
  return null;
}

function followAtCaret(hooks: EditorHooks): Command {
  return (view) => {
    const found = linkAt(view.state, view.state.selection.main.head);
    if (!found) return false;
    if ('target' in found) hooks.followLink(found.target);
    else hooks.openAddress(found.href);
    return true;
  };
}

// Inside the editor these keys are the editor's (link, find); the app's window shortcuts must not see them too.
const EDITOR_KEYS = ['k', 'f', 'b', 'i'];

export function editorExtensions(hooks: EditorHooks, readOnly: boolean): Extension[] {
  return [
    history(),
    drawSelection(),
    EditorView.lineWrapping,
    markdown({ base: markdownLanguage, extensions: [wikilinkSyntax], addKeymap: true }),
    markdownLanguage.data.of({ closeBrackets: { brackets: ['(', '['] } }),
    markdownHighlight,
    editorTheme,
    livePreview((v) => hooks.openEmbed(v)),
    closeBrackets(),
    autocompletion({
      override: [linkCompletion((q) => hooks.suggest(q))],
      icons: false,
      closeOnBlur: true,
      aboveCursor: false,
    }),
    search({ top: true }),
    highlightSelectionMatches(),
    placeholder('Write here. Type [[ to link a note, an article, a tag or a passage.'),
    Prec.high(
      keymap.of([
        { key: 'Mod-b', run: toggleBold },
        { key: 'Mod-i', run: toggleItalic },
        { key: 'Mod-k', run: insertLink },
        { key: 'Mod-Enter', run: followAtCaret(hooks) },
      ]),
    ),
    keymap.of([
      ...closeBracketsKeymap,
      ...completionKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...defaultKeymap,
    ]),
    pasteHandler,
    EditorView.contentAttributes.of({
      spellcheck: 'true',
      autocorrect: 'on',
      autocapitalize: 'sentences',
      'aria-label': 'Note text',
    }),
    EditorView.domEventHandlers({
      keydown(event) {
        if (EDITOR_KEYS.some((k) => isMod(event, k))) event.stopPropagation();
        return false;
      },
      // A click on a drawn link follows it; the source shows (for editing) on the line the caret is on.
      mousedown(event) {
        if (event.button !== 0 || event.shiftKey || !(event.target instanceof Element)) return false;
        const el = event.target.closest<HTMLElement>('[data-link], [data-href]');
        if (!el) return false;
        event.preventDefault();
        if (el.dataset.link !== undefined) hooks.followLink(el.dataset.link);
        else if (el.dataset.href) hooks.openAddress(el.dataset.href);
        return true;
      },
    }),
    EditorState.readOnly.of(readOnly),
    EditorView.editable.of(!readOnly),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) hooks.changed();
    }),
  ];
}

export function createEditorState(doc: string, hooks: EditorHooks, readOnly: boolean): EditorState {
  return EditorState.create({ doc, extensions: editorExtensions(hooks, readOnly) });
}
