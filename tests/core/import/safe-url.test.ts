import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/main/core/import/extract';
import { safeUrl } from '../../../src/main/core/import/safe-url';
import { articleLinkHref } from '../../../src/renderer/src/lib/article-link';

const hostile = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '  javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.org/1',
  '/news/relative',
  '//example.org/protocol-relative',
  'https://example.org/\u0000',
  `https://example.org/${'a'.repeat(5000)}`,
  '',
  '   ',
];

describe('safeUrl', () => {
  it('keeps web and mail addresses, trimmed, and makes a bare www. host https', () => {
    expect(safeUrl('https://www.irrawaddy.com/news/a.html')).toBe('https://www.irrawaddy.com/news/a.html');
    expect(safeUrl(' http://example.org/a?b=1#c \n')).toBe('http://example.org/a?b=1#c');
    expect(safeUrl('HTTPS://EXAMPLE.ORG')).toBe('HTTPS://EXAMPLE.ORG');
    expect(safeUrl('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    expect(safeUrl('www.example.org/a')).toBe('https://www.example.org/a');
  });

  it('drops scripts, data, files, relative and over-long addresses', () => {
    for (const url of hostile) expect(safeUrl(url), JSON.stringify(url.slice(0, 40))).toBeNull();
    expect(safeUrl(null)).toBeNull();
    expect(safeUrl(undefined)).toBeNull();
  });
});

describe('the reader links an article URL only when it is safe', () => {
  it('gives an href for web and mail addresses', () => {
    expect(articleLinkHref('https://example.org/a')).toBe('https://example.org/a');
    expect(articleLinkHref('mailto:desk@example.org')).toBe('mailto:desk@example.org');
  });

  it('gives none (plain text) for javascript: and the like already stored in a notebook', () => {
    for (const url of hostile) expect(articleLinkHref(url)).toBeNull();
    expect(articleLinkHref(null)).toBeNull();
  });
});

describe('importers store only safe URLs', () => {
  const md = (s: string) => extractFile(Buffer.from(s, 'utf8'), 'note.md');
  const html = (s: string) => extractFile(Buffer.from(s, 'utf8'), 'page.html');
  const body =
    '<p>Myanmar and Russia signed a defence agreement on Tuesday, officials in Naypyitaw said.</p>';

  it('drops a javascript: url from Markdown front matter', async () => {
    const a = await md('---\ntitle: T\nurl: javascript:alert(1)\n---\n\nBody text here.\n');
    expect(a.url).toBeNull();
    expect(a.text).toBe('Body text here.');
  });

  it('takes the next front matter address when the first is unsafe', async () => {
    const a = await md('---\nurl: "data:text/html,x"\ncanonical: https://example.org/a\n---\n\nBody.\n');
    expect(a.url).toBe('https://example.org/a');
  });

  it('drops javascript: and data: addresses from HTML metadata, keeping a real one', async () => {
    const bad = await html(
      `<html><head><title>T</title><link rel="canonical" href="javascript:alert(1)">` +
        `<meta property="og:url" content="data:text/html,x"></head><body>${body}</body></html>`,
    );
    expect(bad.url).toBeNull();
    const good = await html(
      `<html><head><title>T</title><link rel="canonical" href=" JavaScript:alert(1)">` +
        `<meta property="og:url" content="https://example.org/story"></head><body>${body}</body></html>`,
    );
    expect(good.url).toBe('https://example.org/story');
  });

  it('drops an unsafe JSON-LD url', async () => {
    const a = await html(
      `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"T",` +
        `"url":"vbscript:msgbox(1)"}</script></head><body>${body}</body></html>`,
    );
    expect(a.url).toBeNull();
  });
});
