// The editor reads like the reader: the reading face, soft-wrapped lines at a comfortable measure, and colours from
// the app's custom properties (so dark mode follows). Markdown marks that stay visible are quiet.
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

export const editorTheme = EditorView.theme({
  '&': {
    color: 'var(--fg)',
    backgroundColor: 'transparent',
    fontFamily: 'var(--font-read)',
    fontSize: '16px',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: '1.6', overflow: 'visible' },
  '.cm-content': { maxWidth: '68ch', padding: '8px 0 24px', caretColor: 'var(--fg)' },
  '.cm-line': { padding: '0 2px' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent) !important',
  },
  '.cm-heading': { fontWeight: '700', lineHeight: '1.3' },
  '.cm-heading-1': { fontSize: '1.6em', paddingTop: '0.4em' },
  '.cm-heading-2': { fontSize: '1.35em', paddingTop: '0.35em' },
  '.cm-heading-3': { fontSize: '1.15em', paddingTop: '0.3em' },
  '.cm-heading-4, .cm-heading-5, .cm-heading-6': { fontSize: '1em' },
  '.cm-em': { fontStyle: 'italic' },
  '.cm-strong': { fontWeight: '700' },
  '.cm-strike': { textDecoration: 'line-through' },
  '.cm-inline-code': {
    fontFamily: 'var(--font-mono)',
    fontSize: '0.85em',
    backgroundColor: 'var(--bg-panel)',
    borderRadius: '3px',
    padding: '0 3px',
  },
  '.cm-codeblock': { fontFamily: 'var(--font-mono)', fontSize: '0.85em', backgroundColor: 'var(--bg-panel)' },
  '.cm-quote': {
    borderLeft: '3px solid var(--border)',
    paddingLeft: '12px !important',
    color: 'var(--fg-muted)',
  },
  '.cm-link, .cm-wikilink': {
    color: 'var(--accent)',
    textDecoration: 'underline',
    textUnderlineOffset: '2px',
    cursor: 'pointer',
  },
  '.cm-wikilink': { textDecorationStyle: 'dotted' },
  '.cm-url': { color: 'var(--fg-muted)' },
  '.cm-bullet': { display: 'inline-block', width: '1ch', color: 'var(--fg-muted)' },
  '.cm-list-number': { color: 'var(--fg-muted)' },
  '.cm-rule': {
    display: 'inline-block',
    width: '100%',
    borderTop: '1px solid var(--border)',
    verticalAlign: 'middle',
  },
  '.cm-embed': { display: 'block', margin: '4px 0' },
  '.cm-embed-source, .cm-wikilink-source': { color: 'var(--accent)' },
  '.cm-placeholder': { color: 'var(--fg-muted)', fontStyle: 'italic' },
  '.cm-tooltip': {
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    boxShadow: 'var(--shadow)',
    fontFamily: 'var(--font-ui)',
    fontSize: '13px',
  },
  '.cm-tooltip-autocomplete > ul': { maxHeight: '18em', minWidth: '320px', maxWidth: '560px' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '4px 8px !important', lineHeight: '1.35' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--bg-active)',
    color: 'var(--fg)',
  },
  '.cm-completionLabel': { whiteSpace: 'normal' },
  '.cm-completionDetail': {
    display: 'block',
    marginLeft: '0 !important',
    fontStyle: 'normal !important',
    color: 'var(--fg-muted)',
    fontSize: '12px',
  },
  '.cm-completionIcon': { display: 'none' },
  '.cm-panels': { backgroundColor: 'var(--bg-panel)', color: 'var(--fg)', fontFamily: 'var(--font-ui)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-search input, .cm-search button': { fontSize: '13px' },
  '.cm-searchMatch': { backgroundColor: 'color-mix(in srgb, var(--mark) 70%, transparent)' },
  '.cm-searchMatch-selected': { outline: '2px solid var(--focus)' },
});

/** What stays visible of the Markdown source is styled lightly: the meaning shows, the marks recede. */
export const markdownHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: t.heading, fontWeight: '700' },
    { tag: t.emphasis, fontStyle: 'italic' },
    { tag: t.strong, fontWeight: '700' },
    { tag: t.strikethrough, textDecoration: 'line-through' },
    { tag: t.link, color: 'var(--accent)' },
    { tag: t.url, color: 'var(--fg-muted)' },
    { tag: t.monospace, fontFamily: 'var(--font-mono)', fontSize: '0.9em' },
    { tag: t.processingInstruction, color: 'var(--fg-muted)' },
    { tag: t.quote, color: 'var(--fg-muted)' },
    { tag: t.list, color: 'var(--fg)' },
  ]),
);
