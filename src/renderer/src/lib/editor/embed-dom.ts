// Draws what an embed shows, as DOM built from text (never from imported HTML): a passage or highlight quoted with
// its article and tags, an article's opening, a transcluded note (its Markdown through the sanitizing renderer, its
// own embeds shown as links), a tag, or why nothing can be shown. Used by the live view and the preview alike.
import type { EmbedView } from '../../../../main/core/notes/note-views';
import { renderMarkdown } from '../markdown';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function openButton(label: string, name: string, open: () => void): HTMLButtonElement {
  const button = el('button', 'embed-open link', label);
  button.type = 'button';
  button.setAttribute('aria-label', name);
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    open();
  });
  return button;
}

function tagChips(tags: { name: string; color: string }[]): HTMLElement {
  const list = el('span', 'embed-tags');
  for (const t of tags) {
    const chip = el('span', 'embed-tag', t.name);
    chip.style.setProperty('--tag-color', t.color);
    list.append(chip);
  }
  return list;
}

export function renderEmbed(view: EmbedView, open: (view: EmbedView) => void): HTMLElement {
  const figure = el('figure', `embed embed-${view.kind}`);
  figure.setAttribute('role', 'group');
  figure.dataset.embedTarget = view.target;
  const go = () => open(view);
  switch (view.kind) {
    case 'passage':
    case 'article': {
      const what = view.kind === 'passage' ? (view.highlightId ? 'highlight' : 'passage') : 'article';
      figure.setAttribute('aria-label', `Embedded ${what} from ${view.articleTitle}`);
      figure.append(el('blockquote', 'embed-text', view.text));
      const caption = el('figcaption', 'embed-caption');
      caption.append(
        openButton(view.articleTitle, `Open ${what} in ${view.articleTitle}`, go),
        el('span', 'embed-detail', view.detail),
      );
      if (view.tags.length > 0) caption.append(tagChips(view.tags));
      figure.append(caption);
      break;
    }
    case 'note': {
      figure.setAttribute('aria-label', `Embedded note ${view.title}`);
      const caption = el('figcaption', 'embed-caption');
      caption.append(openButton(view.title, `Open note ${view.title}`, go));
      const body = el('div', 'embed-note');
      // Sanitized by DOMPurify in renderMarkdown; a transcluded note's own embeds stay links (no loops).
      body.innerHTML = renderMarkdown(view.body, { embeds: false });
      figure.append(caption, body);
      break;
    }
    case 'tag': {
      figure.setAttribute('aria-label', `Embedded tag ${view.name}`);
      const caption = el('figcaption', 'embed-caption');
      caption.append(
        openButton(view.name, `Show passages tagged ${view.name}`, go),
        el('span', 'embed-detail', `${view.count} ${view.count === 1 ? 'passage' : 'passages'}`),
      );
      caption.style.setProperty('--tag-color', view.color);
      figure.append(caption);
      break;
    }
    case 'missing':
      figure.setAttribute('aria-label', 'Embed that cannot be shown');
      figure.append(el('p', 'embed-missing', view.message));
      break;
  }
  return figure;
}

/** A placeholder while the embed is fetched. */
export function renderEmbedLoading(target: string): HTMLElement {
  const figure = el('figure', 'embed embed-loading');
  figure.setAttribute('role', 'group');
  figure.setAttribute('aria-label', `Embedded ${target}`);
  figure.dataset.embedTarget = target;
  figure.append(el('p', 'embed-missing', `Loading ${target}…`));
  return figure;
}
