// The preview's Markdown: `![[…]]` becomes a placeholder the preview fills with the embed; `[[…]]` a link.
// (DOMPurify does not sanitize under happy-dom; the e2e notes-editor spec sees the sanitized placeholder in Chromium.)
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/renderer/src/lib/markdown';

describe('renderMarkdown', () => {
  it('keeps an embed’s target on its placeholder, and makes a plain link of it inside a transcluded note', () => {
    const md = 'See [[Notes on arms]].\n\n![[The Ties of Myanmar#^p2]]';
    const doc = new DOMParser().parseFromString(renderMarkdown(md), 'text/html');
    expect(doc.querySelector('[data-embed]')?.getAttribute('data-embed')).toBe('The Ties of Myanmar#^p2');
    expect(doc.querySelector('a')?.textContent).toBe('Notes on arms');
    const inner = new DOMParser().parseFromString(renderMarkdown(md, { embeds: false }), 'text/html');
    expect(inner.querySelector('[data-embed]')).toBeNull();
    expect([...inner.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Notes on arms',
      'The Ties of Myanmar#^p2',
    ]);
  });
});
