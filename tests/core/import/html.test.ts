import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/main/core/import/extract';

const html = (s: string) => extractFile(Buffer.from(s, 'utf8'), 'page.html');
const para = (n: number) =>
  `<p>Paragraph ${n} says that the delegation met officials in Naypyitaw to discuss military cooperation and arms sales over several days.</p>`;
const body = [1, 2, 3, 4, 5].map(para).join('\n');

describe('html metadata', () => {
  it('reads Open Graph, article: and author <meta>, the canonical link and <html lang>', async () => {
    const a = await html(`<!doctype html><html lang="en-GB"><head><title>Talks | Site</title>
      <meta property="og:title" content="Talks in Naypyitaw"><meta property="og:site_name" content="Mekong Dispatch">
      <meta name="author" content="Sai Wanna"><meta property="article:published_time" content="2020-09-06T06:00:00+06:30">
      <link rel="canonical" href="https://example.org/talks"></head><body><article>${body}</article></body></html>`);
    expect(a).toMatchObject({
      title: 'Talks in Naypyitaw',
      author: 'Sai Wanna',
      published: '2020-09-06',
      source: 'Mekong Dispatch',
      url: 'https://example.org/talks',
      language: 'en-GB',
    });
  });

  it('reads JSON-LD NewsArticle inside @graph: headline, authors, datePublished, publisher', async () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Not this' },
        {
          '@type': 'NewsArticle',
          headline: 'Deal Signed',
          author: [{ '@type': 'Person', name: 'Ko Ye' }, { name: 'Thet Ko Ko' }],
          datePublished: '2017-06-24',
          publisher: { '@type': 'Organization', name: 'The Irrawaddy' },
        },
      ],
    });
    const a = await html(
      `<html><head><script type="application/ld+json">${ld}</script></head><body>${body}</body></html>`,
    );
    expect(a).toMatchObject({
      title: 'Deal Signed',
      author: 'Ko Ye, Thet Ko Ko',
      published: '2017-06-24',
      source: 'The Irrawaddy',
    });
  });

  it('falls back to <time datetime> and a cleaned <title>', async () => {
    const a =
      await html(`<html><head><title>Arms Fair Opens</title></head><body><article><h1>Arms Fair Opens</h1>
      <time datetime="2019-01-16T10:00:00Z">Wednesday</time>${body}</article></body></html>`);
    expect(a.title).toBe('Arms Fair Opens');
    expect(a.published).toBe('2019-01-16');
    expect(a.author).toBeNull();
  });
});

describe('html body', () => {
  it('keeps text only: headings, quotes and list items become passages; scripts, styles and handlers vanish', async () => {
    const a = await html(`<html><head><title>T</title><style>p{color:red}</style></head><body>
      <nav><a href="/">Home</a></nav><article>${para(1)}<h2>Background</h2>${para(2)}
      <blockquote><p>We see good prospects, the minister said in a long and careful statement to reporters.</p></blockquote>
      <ul><li>First point made by the delegation in its statement.</li></ul>
      <script>alert('x')</script><img src=x onerror="alert(1)"><iframe src="javascript:alert(1)"></iframe>
      ${para(3)}${para(4)}</article></body></html>`);
    const kinds = a.passages.map((p) => p.kind);
    expect(kinds).toContain('heading');
    expect(kinds).toContain('quote');
    expect(kinds).toContain('list');
    expect(a.text).not.toMatch(/<|alert|color:red|Home/);
  });

  it('survives 10,000 nested elements', async () => {
    const deep = '<div>'.repeat(10_000) + para(1) + '</div>'.repeat(10_000);
    const a = await html(`<html><body>${deep}</body></html>`);
    expect(a.text).toContain('Paragraph 1 says');
  });

  it('lists the page chrome it left out as dropped blocks with a reason, and never script or hidden text', async () => {
    const a = await html(`<html><head><title>Talks</title></head><body>
      <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
      <div class="share-bar">Share on Facebook</div>
      <article><h1>Talks</h1>${body}</article>
      <aside class="related-posts"><h3>Related</h3><p>Another story about the army.</p></aside>
      <div style="display:none">Hidden promo text</div><script>var tracker = 1;</script>
      <footer>© 2024 Mekong Dispatch. All rights reserved.</footer></body></html>`);
    const dropped = new Map(a.blocks.filter((b) => !b.kept).map((b) => [b.text, b.reason]));
    expect(dropped.get('Home')).toBe('menu');
    expect(dropped.get('Share on Facebook')).toBe('share buttons');
    expect(dropped.get('Another story about the army.')).toBe('related posts');
    expect(dropped.get('© 2024 Mekong Dispatch. All rights reserved.')).toBe('footer');
    expect(dropped.get('Talks')).toBe('title');
    const all = a.blocks.map((b) => b.text).join('\n');
    expect(all).not.toMatch(/tracker|Hidden promo/);
    expect(a.blocks.filter((b) => b.kept).map((b) => b.text)).toEqual(
      [1, 2, 3, 4, 5].map((n) => expect.stringContaining(`Paragraph ${n} says`)),
    );
  });
});
