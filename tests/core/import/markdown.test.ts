import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/main/core/import/extract';

const md = (s: string) => extractFile(Buffer.from(s, 'utf8'), 'note.md');
const passages = (a: Awaited<ReturnType<typeof md>>) =>
  a.passages.map((p) => [p.kind, a.text.slice(p.start, p.end)]);

describe('markdown import', () => {
  it('reads front matter: quoted and bare values, author lists, dates, source and url', async () => {
    const a = await md(
      [
        '---',
        'title: "Russia\'s \\"Reliable\\" Partner"',
        'authors:',
        '  - Ko Ye',
        "  - 'Thet Ko Ko'",
        'date: 2017-06-24T08:00:00Z',
        'site: The Irrawaddy # where it ran',
        'url: https://example.org/a',
        '---',
        '',
        'Body text here.',
      ].join('\n'),
    );
    expect(a).toMatchObject({
      title: 'Russia\'s "Reliable" Partner',
      author: 'Ko Ye, Thet Ko Ko',
      published: '2017-06-24',
      source: 'The Irrawaddy',
      url: 'https://example.org/a',
      text: 'Body text here.',
    });
  });

  it('takes the title from the first # heading when there is no front matter, and keeps it out of the text', async () => {
    const a = await md('# The Headline\n\nFirst paragraph.\n');
    expect(a.title).toBe('The Headline');
    expect(passages(a)).toEqual([['paragraph', 'First paragraph.']]);
  });

  it('falls back to the first line as the title', async () => {
    const a = await md('Just a first line\n\nThen the body.\n');
    expect(a.title).toBe('Just a first line');
    expect(a.text).toBe('Then the body.');
  });

  it('makes headings, block quotes and list items their own passages, as plain text', async () => {
    const a = await md(
      [
        '# Title',
        '',
        'Intro with **bold**, _italics_, `code` and a [link](https://x.org/a_(b)).',
        '',
        '## Background',
        '',
        '> A quoted',
        '> paragraph.',
        '',
        '- first item',
        '- second ![chart](c.png) item',
        '',
        '[ref]: https://x.org',
      ].join('\n'),
    );
    expect(passages(a)).toEqual([
      ['paragraph', 'Intro with bold, italics, code and a link.'],
      ['heading', 'Background'],
      ['quote', 'A quoted paragraph.'],
      ['list', 'first item'],
      ['list', 'second item'],
    ]);
  });

  it('never runs or keeps raw HTML and script links', async () => {
    const a = await md(
      '# T\n\nSafe text.\n\n<script>alert(1)</script>\n\n[Click](javascript:alert(1)) and <img src=x onerror=alert(1)>\n',
    );
    expect(a.text).toBe('Safe text.\n\nClick and');
    expect(a.text).not.toMatch(/alert|<|javascript:/);
  });

  it('skips a ---js header instead of evaluating it', async () => {
    const a = await md('---js\n{ title: (function () { throw new Error("ran") })() }\n---\n\nReal body.\n');
    expect(a.text).toBe('Real body.');
    expect(a.title).toBe('Real body.');
  });
});
