import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestNotebook, seedsDir, type TestNotebook } from '../../helpers/notebook';

describe('search stays in step with the notebook: notes, tags, metadata edits, deletes, restarts', () => {
  let nb: TestNotebook;
  let visit: string;
  let ties: string;
  beforeEach(async () => {
    nb = await openTestNotebook();
    const report = await nb.call('importPaths', { paths: [seedsDir] });
    visit = report.imported.find((i) => i.file.includes('003_'))?.id ?? '';
    ties = report.imported.find((i) => i.file.includes('000_'))?.id ?? '';
  });
  afterEach(() => nb.cleanup());

  const ids = async (query: string) => (await nb.call('search', { query })).groups.map((g) => g.id);

  it('filters by source, author and date, and says how it read the query', async () => {
    expect(await ids('Russia source:irrawaddy')).toEqual([visit]);
    expect(await ids('Russia author:"ko ye"')).toEqual([visit]);
    expect(await ids('Russia after:2017-06-01 before:2017-06-30')).toEqual([visit]);
    const r = await nb.call('search', { query: 'Sukhoi -Irrawaddy after:2017-13' });
    expect(r.warnings.join(' ')).toMatch(/2017-13/);
    expect(r.interpretation).toMatch(/sukhoi/i);
  });

  it('finds notes as soon as they are written, renamed or deleted', async () => {
    const note = await nb.call('noteCreate', {
      title: 'Procurement timeline',
      body: 'Kestrel contracts were signed in Moscow.',
    });
    expect(await ids('kestrel in:notes')).toEqual([note.id]);
    await nb.call('noteUpdate', { id: note.id, body: 'Nothing about birds any more.' });
    expect(await ids('kestrel in:notes')).toEqual([]);
    await nb.call('noteRename', { id: note.id, title: 'Avian matters' });
    expect(await ids('avian in:notes')).toEqual([note.id]);
    await nb.call('noteDelete', { id: note.id });
    expect(await ids('avian in:notes')).toEqual([]);
  });

  it('tag: filters follow tagging, tag renames and highlight deletion', async () => {
    const view = await nb.call('articleGet', { id: ties });
    const p = view.passages[1];
    if (!p) throw new Error('seed too short');
    const h = await nb.call('highlightCreate', {
      articleId: ties,
      start: p.start,
      end: p.end,
      tagNames: ['arms trade'],
    });
    expect(await ids('Russia tag:"arms trade"')).toEqual([ties]);
    await nb.call('tagUpdate', { id: h.tagIds[0] ?? '', name: 'weapons' });
    expect(await ids('Russia tag:weapons')).toEqual([ties]);
    expect(await ids('Russia tag:"arms trade"')).toEqual([]);
    await nb.call('highlightDelete', { id: h.id });
    expect(await ids('Russia tag:weapons')).toEqual([]);
  });

  it('metadata edits and deletes reach the index; the index survives a restart and rebuilds when damaged', async () => {
    await nb.call('articleUpdateMeta', { id: ties, source: 'Mizzima', title: 'Naypyitaw and Moscow' });
    expect(await ids('Russia source:mizzima')).toEqual([ties]);
    expect(await ids('naypyitaw moscow')).toContain(ties);
    await nb.call('articleDelete', { id: visit });
    expect(await ids('Fomin')).not.toContain(visit);

    await nb.core.close();
    await nb.core.open(nb.dir, { create: false });
    expect(await ids('Russia source:mizzima')).toEqual([ties]);

    await nb.core.close();
    await writeFile(join(nb.dir, 'cache', 'search-index.bin'), 'not an index');
    const progress: number[] = [];
    const off = nb.events.subscribe((name, payload) => {
      if (name === 'indexProgress' && 'done' in payload) progress.push(payload.done);
    });
    await nb.core.open(nb.dir, { create: false });
    off();
    expect(progress.at(-1)).toBe(1);
    expect(await ids('Russia source:mizzima')).toEqual([ties]);
  });

  it('finds a Burmese word inside unspaced Burmese text', async () => {
    const file = join(nb.root, 'burmese.md');
    await writeFile(file, '# မြန်မာ\n\nရုရှားနိုင်ငံနှင့်မြန်မာနိုင်ငံတို့သည် စစ်ရေးပူးပေါင်းဆောင်ရွက်မှုကို တိုးမြှင့်ခဲ့သည်။\n');
    const id = (await nb.call('importPaths', { paths: [file] })).imported[0]?.id;
    const r = await nb.call('search', { query: 'ရုရှား' });
    expect(r.groups.map((g) => g.id)).toEqual([id]);
    const hit = r.groups[0]?.hits[0];
    const [s, e] = hit?.marks[0] ?? [0, 0];
    expect(hit?.snippet.slice(s, e)).toBe('ရုရှား');
  });
  it('closing after a few edits leaves the saved index alone; the next open catches them up from the journal', async () => {
    await nb.core.close(); // the import is saved: a cache to start from
    await nb.core.open(nb.dir, { create: false });
    const cache = join(nb.dir, 'cache', 'search-index.bin');
    const saved = await readFile(cache);
    const note = await nb.call('noteCreate', { title: 'Harrier', body: 'Kestrel contracts were signed.' });
    await nb.call('articleUpdateMeta', { id: visit, author: 'Quillfeather' });
    await nb.core.close();
    expect((await readFile(cache)).equals(saved)).toBe(true);
    await nb.core.open(nb.dir, { create: false });
    expect(await ids('kestrel in:notes')).toEqual([note.id]);
    expect(await ids('Russia author:quillfeather')).toEqual([visit]);
    expect((await nb.call('search', { query: 'kestrel' })).warnings).toEqual([]);
  });
});
