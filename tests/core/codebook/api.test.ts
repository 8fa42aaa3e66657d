// The codebook through the API, as the app and the CLI call it: each reorganisation is one undo step with a
// count in its label, search follows the hierarchy, and memos are found with in:memos.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run';
import { openTestNotebook, seedsDir, type TestNotebook } from '../../helpers/notebook';

describe('codebook API', () => {
  let nb: TestNotebook;
  let ties = '';
  let visit = '';
  beforeEach(async () => {
    nb = await openTestNotebook();
    const report = await nb.call('importPaths', { paths: [seedsDir] });
    visit = report.imported.find((i) => i.file.includes('003_'))?.id ?? '';
    ties = report.imported.find((i) => i.file.includes('000_'))?.id ?? '';
  });
  afterEach(async () => nb.cleanup());

  const passage = async (articleId: string, i: number) => {
    const p = (await nb.call('articleGet', { id: articleId })).passages[i];
    if (!p) throw new Error('seed too short');
    return p;
  };
  const code = async (articleId: string, i: number, tagIds: string[]) => {
    const p = await passage(articleId, i);
    return nb.call('highlightCreate', { articleId, start: p.start, end: p.end, tagIds });
  };
  const found = async (query: string) => (await nb.call('search', { query })).groups.map((g) => g.id);

  it('nests tags, refuses a loop, and searches a tag with its descendants or by path', async () => {
    const actors = await nb.call('tagCreate', { name: 'Actors' });
    const russia = await nb.call('tagCreate', { name: 'Russia', parentId: actors.id });
    const mod = await nb.call('tagCreate', { name: 'Ministry of Defence', parentId: russia.id });
    await code(ties, 1, [mod.id]);
    await code(visit, 1, [actors.id]);

    await expect(nb.call('tagUpdate', { id: actors.id, parentId: mod.id })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/cannot go under/),
    });
    expect(await found('tag:Actors')).toEqual(expect.arrayContaining([ties, visit]));
    expect(await found('tag:"Actors/Russia"')).toEqual([ties]);
    expect(await found('tag:Russia')).toEqual([ties]);

    // Moving Russia to the top level takes its passages out of Actors; one undo puts it back.
    await nb.call('tagUpdate', { id: russia.id, parentId: null });
    expect(await found('tag:Actors')).toEqual([visit]);
    expect((await nb.call('undo', {})).label).toBe('Move tag “Russia” to the top level');
    expect(await found('tag:Actors')).toEqual(expect.arrayContaining([ties, visit]));

    // Deleting a parent moves its children up one level, and says so.
    const deleted = await nb.call('tagDelete', { id: russia.id });
    expect(deleted.childrenMoved).toBe(1);
    const tags = await nb.call('tagList', {});
    expect(tags.find((t) => t.id === mod.id)?.parentId).toBe(actors.id);
  });

  it('tag:A tag:B finds passages where both apply, not an article with each somewhere', async () => {
    const a = await nb.call('tagCreate', { name: 'Arms' });
    const b = await nb.call('tagCreate', { name: 'Trade' });
    await code(ties, 1, [a.id]);
    await code(ties, 2, [b.id]);
    expect(await found('tag:Arms tag:Trade')).toEqual([]);
    await code(visit, 1, [a.id, b.id]);
    expect(await found('tag:Arms tag:Trade')).toEqual([visit]);
  });

  it('renaming onto an existing name is a conflict that names the merge; the merge is one undo step', async () => {
    const a = await nb.call('tagCreate', { name: 'Kremlin' });
    const b = await nb.call('tagCreate', { name: 'Moscow' });
    const child = await nb.call('tagCreate', { name: 'Lavrov', parentId: a.id });
    await nb.call('tagUpdate', { id: a.id, memo: 'the government as actor' });
    await code(ties, 1, [a.id]);
    const both = await code(ties, 2, [a.id]);
    await code(ties, 2, [b.id]); // the same span coded with both: collapses into one highlight
    await nb.call('highlightUpdate', { id: both.id, memo: 'first memo' });

    await expect(nb.call('tagUpdate', { id: a.id, name: 'moscow' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/merge/),
    });
    const merged = await nb.call('tagMerge', { ids: [a.id], into: b.id });
    expect(merged).toMatchObject({ merged: 1, duplicatesCollapsed: 1, subTagsMoved: 1 });
    const after = await nb.call('tagList', {});
    expect(after.map((t) => t.name).sort()).toEqual(['Lavrov', 'Moscow']);
    const moscow = after.find((t) => t.id === b.id);
    expect(moscow?.count).toBe(2);
    expect(moscow?.memo).toContain('the government as actor');
    expect(after.find((t) => t.id === child.id)?.parentId).toBe(b.id);
    expect((await nb.call('tagPassages', { id: b.id })).map((p) => p.highlight.memo)).toContain('first memo');

    const undone = await nb.call('undo', {});
    expect(undone.label).toBe('Merge tag “Kremlin” into “Moscow” (2 highlights)');
    const restored = await nb.call('tagList', {});
    expect(restored.map((t) => [t.name, t.count]).sort()).toEqual([
      ['Kremlin', 2],
      ['Lavrov', 0],
      ['Moscow', 1],
    ]);
  });

  it('splits chosen passages into a new tag beside the old one', async () => {
    const parent = await nb.call('tagCreate', { name: 'Arms' });
    const tag = await nb.call('tagCreate', { name: 'Trade', parentId: parent.id });
    const h1 = await code(ties, 1, [tag.id]);
    await code(ties, 2, [tag.id]);
    const split = await nb.call('tagSplit', { id: tag.id, highlightIds: [h1.id], name: 'Aircraft' });
    expect(split.moved).toBe(1);
    expect(split.tag.parentId).toBe(parent.id);
    expect((await nb.call('tagPassages', { id: split.tag.id })).map((p) => p.highlight.id)).toEqual([h1.id]);
    expect((await nb.call('tagPassages', { id: tag.id })).length).toBe(1);
  });

  it('finds highlight, tag and article memos with in:memos, and keeps up with edits', async () => {
    const t = await nb.call('tagCreate', { name: 'Diplomacy' });
    const h = await code(ties, 1, [t.id]);
    await nb.call('highlightUpdate', { id: h.id, memo: 'zeppelin diplomacy' });
    await nb.call('tagUpdate', { id: t.id, memo: 'zeppelin as a metaphor' });
    await nb.call('articleSetMemo', { id: visit, memo: 'the zeppelin visit' });
    const hits = (await nb.call('search', { query: 'zeppelin in:memos' })).groups;
    expect(hits.map((g) => g.target?.kind).sort()).toEqual(['article', 'article', 'tag']);
    await nb.call('articleSetMemo', { id: visit, memo: '' });
    expect((await nb.call('search', { query: 'zeppelin in:memos' })).groups).toHaveLength(2);
    expect(await found('zeppelin in:articles')).toEqual([]);
  });

  it('a search of filters alone lists the coded passages and the memos written on them; in:articles leaves memos out', async () => {
    const t = await nb.call('tagCreate', { name: 'Diplomacy' });
    const h = await code(ties, 1, [t.id]);
    await nb.call('highlightUpdate', { id: h.id, memo: 'a visit that mattered' });
    const kinds = async (query: string) =>
      (await nb.call('search', { query })).groups.map((g) => g.kind).sort();
    expect(await kinds('tag:Diplomacy')).toEqual(['article', 'memo']);
    expect(await kinds('tag:Diplomacy in:articles')).toEqual(['article']);
  });

  it('coded segments: overlap of A with B, and the pictures count them', async () => {
    const a = await nb.call('tagCreate', { name: 'A' });
    const b = await nb.call('tagCreate', { name: 'B' });
    const p = await passage(ties, 1);
    await nb.call('highlightCreate', { articleId: ties, start: p.start, end: p.end, tagIds: [a.id] });
    await nb.call('highlightCreate', {
      articleId: ties,
      start: p.start + 2,
      end: p.start + 8,
      tagIds: [b.id],
    });
    await code(visit, 1, [a.id]);
    const seg = await nb.call('codedSegments', { overlap: { a: [a.id], b: [b.id] } });
    expect(seg.total).toBe(1);
    expect(seg.segments[0]?.highlight.articleId).toBe(ties);
    const co = await nb.call('codeCooccurrence', { tagIds: [a.id, b.id] });
    expect(co.cells).toEqual([
      [2, 1],
      [1, 1],
    ]);
    const m = await nb.call('codeMatrix', { by: 'article', tagIds: [a.id, b.id] });
    expect(m.rowTotals).toEqual([2, 1]);
  });

  it('bulk tags and bulk deletes articles, each one undo step', async () => {
    const r = await nb.call('articleBulkTag', { ids: [ties, visit], tagNames: ['Corpus'] });
    expect(r).toMatchObject({ articles: 2, highlightsCreated: 2 });
    expect(await found('tag:Corpus')).toEqual(expect.arrayContaining([ties, visit]));
    const d = await nb.call('articleBulkDelete', { ids: [ties, visit] });
    expect(d).toMatchObject({ deleted: 2, highlights: 2 });
    expect(await nb.call('articleList', {})).toHaveLength(0);
    expect((await nb.call('undo', {})).label).toBe('Delete 2 articles');
    expect(await nb.call('articleList', {})).toHaveLength(2);
  });

  it('quire tags prints the codebook as a tree with descriptions and counts', async () => {
    const actors = await nb.call('tagCreate', { name: 'Actors' });
    const russia = await nb.call('tagCreate', { name: 'Russia', parentId: actors.id });
    await nb.call('tagUpdate', { id: russia.id, description: 'The Russian state and its agencies.' });
    await code(ties, 1, [russia.id]);
    await code(ties, 2, [actors.id, russia.id]);
    await nb.core.close();
    const out: string[] = [];
    const run = (...argv: string[]) =>
      runCli(argv, {
        platform: { platform: 'linux', env: { XDG_CONFIG_HOME: join(nb.root, 'config') }, home: nb.root },
        stdout: (l) => out.push(l),
        stderr: () => undefined,
        untilStopped: async () => undefined,
      });
    expect(await run('tags', '--notebook', nb.dir)).toBe(0);
    expect(out).toEqual([
      'Actors  (1 passage, 2 with sub-tags)',
      '  Russia  (2 passages)',
      '    The Russian state and its agencies.',
    ]);
    out.length = 0;
    expect(await run('tags', '--notebook', nb.dir, '--json')).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({
      tags: [{ name: 'Actors', count: 1, total: 2, children: [{ name: 'Russia', count: 2, total: 2 }] }],
    });
    await nb.core.open(nb.dir, { create: false });
  });
});
