// Live preview, as in Obsidian: headings, emphasis, links, quotes, lists and embeds are drawn as they will read,
// and the Markdown source comes back on the lines the caret (or selection) is on. Decorations are built from the
// syntax tree for the visible part of the note only, so a 50,000-word note costs what one screen costs.
import { syntaxTree } from '@codemirror/language';
import { StateEffect, type EditorState, type Range } from '@codemirror/state';
import {
  Decoration,
  type EditorView,
  ViewPlugin,
  WidgetType,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import type { SyntaxNodeRef } from '@lezer/common';
import type { EmbedView } from '../../../../main/core/notes/note-views';
import { embeds } from './embed-cache';
import { renderEmbed, renderEmbedLoading } from './embed-dom';
import { wikilinkParts } from './wikilink-syntax';

/** Dispatched when embeds were fetched again: widgets whose version changed draw themselves again. */
export const embedsChanged = StateEffect.define<null>();

class BulletWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cm-bullet';
    span.textContent = '•';
    span.setAttribute('aria-hidden', 'true');
    return span;
  }
}

class RuleWidget extends WidgetType {
  override eq(): boolean {
    return true;
  }
  toDOM(): HTMLElement {
    const hr = document.createElement('span');
    hr.className = 'cm-rule';
    hr.setAttribute('role', 'separator');
    return hr;
  }
}

class EmbedWidget extends WidgetType {
  constructor(
    readonly target: string,
    readonly version: number,
    readonly open: (view: EmbedView) => void,
  ) {
    super();
  }

  override eq(other: EmbedWidget): boolean {
    return other.target === this.target && other.version === this.version;
  }

  toDOM(view: EditorView): HTMLElement {
    const wrap = document.createElement('span');
    wrap.className = 'cm-embed';
    const known = embeds.peek(this.target);
    if (known) {
      wrap.append(renderEmbed(known, this.open));
    } else {
      wrap.append(renderEmbedLoading(this.target));
      embeds
        .get(this.target)
        .then((v) => {
          wrap.replaceChildren(renderEmbed(v, this.open));
          view.requestMeasure();
        })
        .catch(() => undefined);
    }
    return wrap;
  }

  // The embed's own buttons take clicks; a click beside it moves the caret there (and shows the source).
  override ignoreEvent(): boolean {
    return true;
  }
}

const bullet = Decoration.replace({ widget: new BulletWidget() });
const rule = Decoration.replace({ widget: new RuleWidget() });
const hidden = Decoration.replace({});
const markClass = (cls: string) => Decoration.mark({ class: cls });
const EMPHASIS: Record<string, string> = {
  Emphasis: 'cm-em',
  StrongEmphasis: 'cm-strong',
  Strikethrough: 'cm-strike',
  InlineCode: 'cm-inline-code',
};
const MARKS: Record<string, string> = {
  Emphasis: 'EmphasisMark',
  StrongEmphasis: 'EmphasisMark',
  Strikethrough: 'StrikethroughMark',
  InlineCode: 'CodeMark',
};

/** Line ranges [first, last] the selection touches: there the source shows. None while the editor has no focus. */
function activeLines(view: EditorView): [number, number][] {
  if (!view.hasFocus) return [];
  const { doc, selection } = view.state;
  return selection.ranges.map((r) => [doc.lineAt(r.from).number, doc.lineAt(r.to).number]);
}

export function livePreview(open: (view: EmbedView) => void) {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;

      constructor(view: EditorView) {
        this.decorations = build(view, open);
      }

      update(u: ViewUpdate): void {
        if (
          u.docChanged ||
          u.viewportChanged ||
          u.selectionSet ||
          u.focusChanged ||
          syntaxTree(u.startState) !== syntaxTree(u.state) ||
          u.transactions.some((tr) => tr.effects.some((e) => e.is(embedsChanged)))
        ) {
          this.decorations = build(u.view, open);
        }
      }
    },
    { decorations: (p) => p.decorations },
  );
}

function build(view: EditorView, open: (view: EmbedView) => void): DecorationSet {
  const { state } = view;
  const { doc } = state;
  const active = activeLines(view);
  const isActive = (from: number, to: number): boolean => {
    if (active.length === 0) return false;
    const a = doc.lineAt(from).number;
    const b = doc.lineAt(to).number;
    return active.some(([x, y]) => a <= y && b >= x);
  };
  const out: Range<Decoration>[] = [];
  const hide = (from: number, to: number): void => {
    if (to > from) out.push(hidden.range(from, to));
  };
  /** A marker and the space after it (`# `, `> `). */
  const hideWithSpace = (from: number, to: number): void => {
    hide(from, doc.sliceString(to, to + 1) === ' ' ? to + 1 : to);
  };

  const visit = (node: SyntaxNodeRef): boolean | void => {
    const { name, from, to } = node;
    if (name.startsWith('ATXHeading')) {
      const line = doc.lineAt(from);
      out.push(Decoration.line({ class: `cm-heading cm-heading-${name.slice(-1)}` }).range(line.from));
      if (!isActive(from, to)) {
        const marks = node.node.getChildren('HeaderMark');
        marks.forEach((m, i) => {
          if (i === 0) hideWithSpace(m.from, m.to);
          else hide(doc.sliceString(m.from - 1, m.from) === ' ' ? m.from - 1 : m.from, m.to);
        });
      }
      return;
    }
    if (name.startsWith('SetextHeading')) {
      out.push(
        Decoration.line({ class: `cm-heading cm-heading-${name.slice(-1)}` }).range(doc.lineAt(from).from),
      );
      return;
    }
    const emphasis = EMPHASIS[name];
    if (emphasis) {
      out.push(markClass(emphasis).range(from, to));
      if (!isActive(from, to)) for (const m of node.node.getChildren(MARKS[name] ?? '')) hide(m.from, m.to);
      return name === 'InlineCode' ? false : undefined;
    }
    switch (name) {
      case 'Link':
        link(node);
        return false;
      case 'Autolink': {
        const url = node.node.getChild('URL');
        if (url && !isActive(from, to)) {
          hide(from, url.from);
          hide(url.to, to);
          out.push(linkMark(doc.sliceString(url.from, url.to)).range(url.from, url.to));
        }
        return false;
      }
      case 'URL':
        // A bare address (GFM autolink); addresses inside links are handled with their link.
        if (!isActive(from, to)) out.push(linkMark(doc.sliceString(from, to)).range(from, to));
        return false;
      case 'Wikilink':
        wikilink(node);
        return false;
      case 'Embed': {
        const { target } = wikilinkParts(doc.sliceString(from + 3, to - 2));
        if (isActive(from, to)) out.push(markClass('cm-embed-source').range(from, to));
        else
          out.push(
            Decoration.replace({ widget: new EmbedWidget(target, embeds.version(target), open) }).range(
              from,
              to,
            ),
          );
        return false;
      }
      case 'Blockquote':
        for (let pos = from; pos <= to;) {
          const line = doc.lineAt(pos);
          out.push(Decoration.line({ class: 'cm-quote' }).range(line.from));
          pos = line.to + 1;
        }
        return;
      case 'QuoteMark':
        if (!isActive(from, from)) hideWithSpace(from, to);
        return;
      case 'ListMark': {
        const list = node.node.parent?.parent?.name;
        if (list === 'BulletList' && !isActive(from, to) && !taskFollows(state, to))
          out.push(bullet.range(from, to));
        else if (list === 'OrderedList') out.push(markClass('cm-list-number').range(from, to));
        return;
      }
      case 'HorizontalRule':
        if (!isActive(from, to)) out.push(rule.range(from, to));
        return;
      case 'FencedCode':
        for (let pos = from; pos <= to;) {
          const line = doc.lineAt(pos);
          out.push(Decoration.line({ class: 'cm-codeblock' }).range(line.from));
          pos = line.to + 1;
        }
        return false;
    }
  };

  function link(node: SyntaxNodeRef): void {
    const marks = node.node.getChildren('LinkMark');
    const url = node.node.getChild('URL');
    const open = marks[0];
    const close = marks[1];
    // Only inline links `[text](address)`: reference links keep their source.
    if (!open || !close || !url || marks.length < 4 || isActive(node.from, node.to)) {
      if (url) out.push(markClass('cm-url').range(url.from, url.to));
      return;
    }
    hide(node.from, open.to);
    hide(close.from, node.to);
    if (close.from > open.to)
      out.push(linkMark(doc.sliceString(url.from, url.to)).range(open.to, close.from));
  }

  function wikilink(node: SyntaxNodeRef): void {
    const { from, to } = node;
    const inner = doc.sliceString(from + 2, to - 2);
    const { target, aliasAt } = wikilinkParts(inner);
    if (isActive(from, to)) {
      out.push(markClass('cm-wikilink-source').range(from, to));
      return;
    }
    const labelFrom = aliasAt === -1 ? from + 2 : from + 2 + aliasAt;
    hide(from, labelFrom);
    hide(to - 2, to);
    if (to - 2 > labelFrom) {
      out.push(
        Decoration.mark({
          class: 'cm-wikilink',
          attributes: { 'data-link': target, title: target },
        }).range(labelFrom, to - 2),
      );
    }
  }

  for (const { from, to } of view.visibleRanges) syntaxTree(state).iterate({ from, to, enter: visit });
  return Decoration.set(out, true);
}

const linkMark = (href: string) =>
  Decoration.mark({ class: 'cm-link', attributes: { 'data-href': href, title: href } });

/** `- [ ] task`: the marker stays, so the box reads as a task. */
function taskFollows(state: EditorState, pos: number): boolean {
  return /^ \[[ xX]\]/.test(state.sliceDoc(pos, pos + 4));
}
