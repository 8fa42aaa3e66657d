import { describe, expect, it } from 'vitest';
import { exportNotes, renderNoteForExport } from '../../../src/main/core/export/markdown';
import type { ExportContext } from '../../../src/main/core/export/markdown';
import { readFrontMatter } from './front-matter';
import { note, seedContext } from './seed-context';

describe('renderNoteForExport', () => {
  it('writes front matter a YAML reader parses back to the same values', async () => {
    const ctx = await seedContext();
    const n1 = ctx.notes[0];
    if (!n1) throw new Error('fixture');
    const fm = readFrontMatter(renderNoteForExport(n1, ctx));
    expect(fm.title).toBe('Arms: "deals" #2021');
    expect(fm.created).toBe('2024-03-01T10:00:00.000Z');
    expect(fm.updated).toBe('2024-03-02T11:30:00.000Z');
    expect(fm.tags).toEqual(['arms trade', '- leading: dash']);
    expect(fm.sources).toEqual([
      'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?',
    ]);
  });

  it('turns citations into plain attributions with no quire:// link left', async () => {
    const ctx = await seedContext();
    const n1 = ctx.notes[0];
    if (!n1) throw new Error('fixture');
    const out = renderNoteForExport(n1, ctx);
    expect(out).not.toContain('quire://');
    expect(out).toContain('> Russia\n');
    expect(out).toContain(
      '> — *Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?*, Ko Ye, The Irrawaddy, ' +
        '2017-06-24, <https://www.irrawaddy.com/news/burma/will-snr-gen-min-aung-hlaings-russia-visit.html>',
    );
  });

  it('omits unknown attribution parts and rewrites prose and bare links too', () => {
    const ctx: ExportContext = {
      notes: [],
      articles: new Map([
        [
          'a1',
          {
            title: 'The Ties of Myanmar with Russia',
            author: null,
            source: null,
            published: null,
            url: null,
          },
        ],
      ]),
      highlights: new Map(),
      tags: new Map(),
    };
    const n = note(
      'n9',
      'Loose',
      'As [the article says](quire://article/a1?passage=p1) and quire://article/a1 and [gone](quire://article/zz).',
    );
    const out = renderNoteForExport(n, { ...ctx, notes: [n] });
    expect(out).not.toContain('quire://');
    expect(out).toContain(
      'As the article says (*The Ties of Myanmar with Russia*) and *The Ties of Myanmar with Russia* and gone (*gone*).',
    );
    expect(readFrontMatter(out).tags).toEqual([]);
  });

  it('points wikilinks at the exported file when it differs from the title, keeping what the reader sees', async () => {
    const ctx = await seedContext();
    const files = exportNotes(ctx);
    expect(files.map((f) => f.fileName)).toEqual([
      "Arms - 'deals' 2021.md",
      'Timeline.md',
      'timeline (2).md',
    ]);
    const [arms, timeline] = files;
    expect(arms?.content).toContain('See [[Timeline]] and [[Timeline|the dates]]');
    expect(timeline?.content).toContain(
      "Links back to [[Arms - 'deals' 2021|the deals]] and [[No such note]].",
    );
  });
});
