import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/main/core/import/extract';
import { joinHardWrapped } from '../../../src/main/core/import/text-shape';
import type { Extraction } from '../../../src/main/core/types';
import { corpusDir } from './corpus-paths';

const kept = (a: Extraction): string[] => a.blocks.filter((b) => b.kept !== false).map((b) => b.text);
const dropped = (a: Extraction): string[] => a.blocks.filter((b) => b.kept === false).map((b) => b.text);

const prose = (n: number): string =>
  `Paragraph ${n} explains how the query finds the values that stand out from the rest of the series, and why.`;

describe('scraped text with a code listing', () => {
  const menu = ['Home', 'Archive', 'About', 'Subscribe'];
  const query = ['SELECT', '  avg(n) AS mean,', '  stddev(n) AS spread', 'FROM', '  series;'];
  const page = [
    ...menu,
    'Finding Anomalies With SQL',
    prose(1),
    prose(2),
    ...query,
    prose(3),
    ...query.map((l) => l.replace('series', 'readings')),
    prose(4),
    ...query.map((l) => l.replace('series', 'sensors')),
    prose(5),
    ...menu,
  ].join('\n');

  it('keeps the listing, repeated keywords and all, with the article and drops the repeated menu', async () => {
    const a = await extractFile(Buffer.from(page), 'page.txt');
    const body = kept(a);
    expect(body).toContain(prose(1));
    expect(body).toContain(prose(5));
    expect(body.filter((t) => t === 'SELECT')).toHaveLength(3);
    expect(body.filter((t) => t === 'FROM')).toHaveLength(3);
    expect(body).not.toContain('Home');
    expect(dropped(a)).toContain('Home');
  });

  it('keeps the SQL listings of a real blog post between its paragraphs', async () => {
    const dir = path.join(corpusDir, 'readability', 'toc-missing');
    const a = await extractFile(await readFile(path.join(dir, 'source.txt')), 'source.txt');
    const body = kept(a);
    expect(body).toContain(
      'Now that we\'ve defined a "reasonable" value and a deviation, we can define a range of acceptable values:',
    );
    expect(body).toContain('avg(n) - stddev(n) AS lower_bound,');
    expect(body.join('\n')).toContain('1.2511263318488451 │ 7.4155403348178215');
  });
});

describe('hard-wrapped plain text', () => {
  const wrap = (text: string, width: number): string[] => {
    const lines: string[] = [];
    let line = '';
    for (const w of text.split(' ')) {
      if (line !== '' && line.length + 1 + w.length > width) {
        lines.push(line);
        line = w;
      } else line = line === '' ? w : `${line} ${w}`;
    }
    return [...lines, line];
  };
  const paras = [1, 2, 3, 4].map(
    (n) =>
      `Section ${n} of the draft says that a client may store, retrieve and remove documents, that the ` +
      `server answers with a version for each of them, and that every request carries a bearer token which ` +
      `the user granted to the application when it was first connected to the storage account.`,
  );

  it('rejoins each wrapped paragraph into one passage', async () => {
    const text = ['Remote Storage', '', ...paras.flatMap((p) => [...wrap(p, 72), ''])].join('\n');
    const a = await extractFile(Buffer.from(text), 'draft.txt');
    for (const p of paras) expect(kept(a)).toContain(p);
  });

  it('leaves pages of long unwrapped lines, and short lines that end early, as they are', () => {
    const long = [paras[0] ?? '', paras[1] ?? ''];
    expect(joinHardWrapped(long)).toEqual(long);
    const poem = [...wrap(paras[2] ?? '', 72), '', 'A short line.', 'Another short line.'];
    const joined = joinHardWrapped([...poem, ...wrap(paras[3] ?? '', 72)]);
    expect(joined).toContain('A short line.');
    expect(joined).toContain('Another short line.');
  });
});

describe('scraped text with a photo caption', () => {
  const body = (n: number): string =>
    `Paragraph ${n} reports what the delegation discussed in Moscow, and what the ministry said afterwards.`;
  const page = [
    'Home',
    'News',
    'Opinion',
    'Delegation Returns From Moscow',
    'by Ko Ye',
    'June 24, 2017',
    'Putin in Yangon. / Reuters',
    'Putin in Yangon. / Reuters',
    'Share on FacebookShare on Twitter',
    body(1),
    body(2),
    body(3),
    'Related',
    'Generals in Naypyitaw. / AFP',
    'Tags: Russia',
  ].join('\n');

  it('keeps the caption once, without its credit, and shows the credit as a dropped block', async () => {
    const a = await extractFile(Buffer.from(page), 'page.txt');
    const text = kept(a);
    expect(text.slice(0, 2)).toEqual(['Putin in Yangon.', body(1)]);
    expect(a.text).not.toContain('Reuters');
    expect(a.blocks.find((b) => b.text === 'Reuters')).toMatchObject({ kept: false, reason: 'image credit' });
    expect(a.blocks.find((b) => b.text === 'Putin in Yangon. / Reuters')).toMatchObject({
      kept: false,
      reason: 'duplicate',
    });
  });

  it('leaves captions outside the article (after its last paragraph) dropped', async () => {
    const a = await extractFile(Buffer.from(page), 'page.txt');
    expect(a.text).not.toContain('Generals in Naypyitaw');
    expect(a.blocks.find((b) => b.text === 'Generals in Naypyitaw. / AFP')).toMatchObject({
      kept: false,
      reason: 'image credit',
    });
  });
});

describe('the headline of a scraped page', () => {
  const body = (n: number): string =>
    `Paragraph ${n} reports what the envoys agreed in Geneva, and what the two ministries said afterwards.`;

  it('is the repeated headline, not the caption, widget label or name printed just above the body', async () => {
    const page = [
      'Envoys Agree on Prisoner Exchange | The Daily Ledger',
      'Home',
      'World',
      'Envoys Agree on Prisoner Exchange',
      'By JANE DOE JAN. 13, 2017',
      'Continue reading the main story',
      'Copy Link Facebook Twitter Reddit',
      'Buy Now',
      'Delegates shake hands in Geneva on Monday',
      body(1),
      body(2),
      body(3),
    ].join('\n');
    const a = await extractFile(Buffer.from(page), 'page.txt');
    expect(a.title).toBe('Envoys Agree on Prisoner Exchange');
    expect(a.untitled).toBe(false);
  });

  it('is not the outlet’s name, which the copyright footer repeats (81 of 2,000 gen-corpus pages had it)', async () => {
    // The shape of gen-corpus --seed 7 a000029.txt: a four-word outlet in the header and in the footer.
    const page = [
      'No Result',
      'View All Result',
      'Bay of Bengal Chronicle',
      '  • Home',
      '  • Business',
      'Home Business Video',
      '',
      'Analysts Question Myanmar’s Reliance on China for Arms Sales',
      '',
      'Htet Naing Zaw by Htet Naing Zaw',
      'June 20, 2022',
      '',
      body(1),
      '',
      body(2),
      '',
      body(3),
      '',
      'Copyright © 2024 Bay of Bengal Chronicle. All rights reserved.',
    ].join('\n');
    const a = await extractFile(Buffer.from(page), 'page.txt');
    expect(a.title).toBe('Analysts Question Myanmar’s Reliance on China for Arms Sales');
    expect(a.source).toBe('Bay of Bengal Chronicle');
  });

  it('reads bylines written "Par", "Posted by" or "Edited by" as the author', async () => {
    for (const [line, author] of [
      ['Par Laurence Defranoux', 'Laurence Defranoux'],
      ['Posted by Andrew Hayden', 'Andrew Hayden'],
    ] as const) {
      const page = ['Envoys Agree on Prisoner Exchange', line, body(1), body(2)].join('\n');
      const a = await extractFile(Buffer.from(page), 'page.txt');
      expect(a.author, line).toBe(author);
    }
  });
});
