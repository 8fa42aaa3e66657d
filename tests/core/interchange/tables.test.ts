import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTree, pathOf } from '../../../src/main/core/codebook/tree';
import { codedNotebook, type Coded } from './coded-notebook';

/** What the spreadsheet must say: one row per highlight × tag, from the store itself. */
function expectedRows(coded: Coded): Record<string, string>[] {
  const s = coded.nb.core.session();
  const tags = s.store.list('tag');
  return s.store.list('highlight').flatMap((h) => {
    const a = s.store.get('article', h.articleId);
    const paths = h.tagIds.length ? h.tagIds.map((t) => pathOf(buildTree(tags), t).join('/')) : [''];
    return paths.map((p) => ({
      'tag path': p,
      quote: h.quote.exact,
      memo: h.memo,
      'article title': a?.title ?? '',
      url: a?.url ?? '',
      'passage id': h.passageId,
      start: String(h.position.start),
      end: String(h.position.end),
      created: h.createdAt,
      coder: 'Dana',
    }));
  });
}

const key = (r: Record<string, string>) => `${r['passage id']}|${r.start}|${r['tag path']}`;
const pick = (r: Record<string, unknown>) =>
  Object.fromEntries(
    [
      'tag path',
      'quote',
      'memo',
      'article title',
      'url',
      'passage id',
      'start',
      'end',
      'created',
      'coder',
    ].map((c) => [c, String(r[c] ?? '')]),
  );

describe('coded segments for spreadsheets', () => {
  let coded: Coded;
  beforeEach(async () => {
    coded = await codedNotebook();
  });
  afterEach(() => coded.nb.cleanup());

  it('CSV (UTF-8 with BOM, RFC 4180) reads back, row for row, as the highlights × tags', async () => {
    const out = join(coded.nb.root, 'tables');
    const r = await coded.nb.call('exportTo', { format: 'csv', out, coder: 'Dana' });
    expect(r.written.sort()).toEqual([
      'code-by-document.csv',
      'code-co-occurrence.csv',
      'coded-segments.csv',
    ]);
    const raw = await readFile(join(out, 'coded-segments.csv'), 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    expect(raw).toContain('\r\n');
    const parsed = Papa.parse<Record<string, string>>(raw.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([
      'tag path',
      'quote',
      'memo',
      'article title',
      'author',
      'source',
      'published',
      'url',
      'passage id',
      'start',
      'end',
      'created',
      'coder',
    ]);
    const got = parsed.data.map(pick).sort((a, b) => key(a).localeCompare(key(b)));
    const want = expectedRows(coded).sort((a, b) => key(a).localeCompare(key(b)));
    expect(got).toEqual(want);
    // 4 highlights: two with two tags, one with one, one with none.
    expect(got).toHaveLength(6);
  });

  it('the code × document and co-occurrence tables count what was coded', async () => {
    const out = join(coded.nb.root, 'tables');
    await coded.nb.call('exportTo', { format: 'csv', out });
    const read = async (f: string) =>
      Papa.parse<string[]>((await readFile(join(out, f), 'utf8')).slice(1), { skipEmptyLines: true }).data;
    const byDoc = await read('code-by-document.csv');
    const header = byDoc[0] ?? [];
    const col = (path: string) => header.indexOf(path);
    const rowOf = (title: string) => byDoc.find((r) => r[0] === title) ?? [];
    expect(rowOf('The Ties of Myanmar with Russia')[col('Actors/Russia')]).toBe('1');
    expect(rowOf('The Ties of Myanmar with Russia')[col('Arms trade/Fighter jets')]).toBe('1');
    expect(rowOf('Signals 📡 and 𝔘nicode')[col('Actors/Myanmar military')]).toBe('1');

    const co = await read('code-co-occurrence.csv');
    const names = co[0] ?? [];
    const cell = (a: string, b: string) => co.find((r) => r[0] === a)?.[names.indexOf(b)];
    expect(cell('Actors/Russia', 'Actors/Russia')).toBe('2');
    expect(cell('Actors/Russia', 'Arms trade/Fighter jets')).toBe('1');
    expect(cell('Actors/Russia', 'Actors/Myanmar military')).toBe('1');
    expect(cell('Arms trade/Fighter jets', 'Actors/Myanmar military')).toBe('0');
  });

  it('a quote that looks like a formula cannot run in a spreadsheet', async () => {
    const s = coded.nb.core.session();
    const h = s.store.get('highlight', coded.highlights[0] ?? '');
    if (!h) throw new Error('no highlight');
    await coded.nb.call('highlightUpdate', { id: h.id, memo: '=HYPERLINK("http://x","y")' });
    const out = join(coded.nb.root, 'tables');
    await coded.nb.call('exportTo', { format: 'csv', out });
    const raw = await readFile(join(out, 'coded-segments.csv'), 'utf8');
    expect(raw).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('XLSX holds the same rows in its first sheet, and the two tables beside it', async () => {
    const out = join(coded.nb.root, 'segments.xlsx');
    const r = await coded.nb.call('exportTo', { format: 'xlsx', out, coder: 'Dana' });
    expect(r.written).toEqual([out]);
    const book = XLSX.read(await readFile(out));
    expect(book.SheetNames).toEqual(['Coded segments', 'Code by document', 'Code co-occurrence']);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Coded segments']!, {
      defval: '',
    });
    const got = rows.map(pick).sort((a, b) => key(a).localeCompare(key(b)));
    const want = expectedRows(coded).sort((a, b) => key(a).localeCompare(key(b)));
    expect(got).toEqual(want);
  });
});
