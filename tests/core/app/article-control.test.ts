import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestNotebook, seedFiles, type TestNotebook } from '../../helpers/notebook';

describe('the researcher overrules the extractor: metadata edits, block choices, re-extraction', () => {
  let nb: TestNotebook;
  let id: string;
  beforeEach(async () => {
    nb = await openTestNotebook();
    const report = await nb.call('importPaths', { paths: [seedFiles.visit] });
    id = report.imported[0]?.id ?? '';
  });
  afterEach(() => nb.cleanup());

  it('edits metadata, keeps the edit through re-extraction and a restart, and can hand it back', async () => {
    const edited = await nb.call('articleUpdateMeta', {
      id,
      author: 'Ko Ye (guest)',
      published: '2017-06-25',
    });
    expect(edited).toMatchObject({
      author: 'Ko Ye (guest)',
      published: '2017-06-25',
      source: 'The Irrawaddy',
    });
    expect((await nb.call('articleOriginal', { id })).edited.sort()).toEqual(['author', 'published']);

    await nb.call('articleReextract', { id });
    await nb.core.close();
    await nb.core.open(nb.dir, { create: false });
    expect((await nb.call('articleGet', { id })).article).toMatchObject({
      author: 'Ko Ye (guest)',
      published: '2017-06-25',
    });

    const reset = await nb.call('articleUpdateMeta', { id, reset: ['author'] });
    expect(reset).toMatchObject({ author: 'Ko Ye', published: '2017-06-25' });
  });

  it('refuses a malformed date or an empty title with a sentence that says what to type', async () => {
    await expect(nb.call('articleUpdateMeta', { id, published: 'June 2017' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/a date like 2017-06-24/),
    });
    await expect(nb.call('articleUpdateMeta', { id, title: '   ' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
  });

  it('shows the original file beside every block and its verdict', async () => {
    const original = await nb.call('articleOriginal', { id });
    expect(original.text).toContain('Share on Facebook');
    expect(original.blocks.filter((b) => b.kept).map((b) => b.text)).toContain(
      (await nb.call('articleGet', { id })).passages[0]?.text,
    );
    for (const b of original.blocks) {
      if (b.extractorKept) expect(b.reason).toBeNull();
      else expect(b.reason).toMatch(/\w/);
    }
    const share = original.blocks.find((b) => b.text.includes('Share on Facebook'));
    expect(share).toMatchObject({ kept: false, extractorKept: false, choice: null });
  });

  it('dropping a block orphans the highlights on it (kept, never lost); restoring places them again', async () => {
    const view = await nb.call('articleGet', { id });
    const target = view.passages[3];
    const before = view.passages[1];
    if (!target || !before) throw new Error('seed too short');
    const h = await nb.call('highlightCreate', {
      articleId: id,
      start: target.start,
      end: target.start + 40,
      tagNames: ['x'],
    });
    const original = await nb.call('articleOriginal', { id });
    const blockOf = (text: string) => original.blocks.find((b) => b.text === text)?.id ?? '';

    const dropped = await nb.call('articleSetBlock', { id, blockId: blockOf(target.text), keep: false });
    expect(dropped.orphaned).toBe(1);
    expect(dropped.view.text).not.toContain(target.text);
    expect(dropped.view.highlights).toMatchObject([
      { id: h.id, orphaned: true, quote: { exact: h.quote.exact } },
    ]);
    expect((await nb.call('tagPassages', { id: h.tagIds[0] ?? '' })).length).toBe(1);

    const restored = await nb.call('articleSetBlock', { id, blockId: blockOf(target.text), keep: true });
    expect(restored.view.highlights).toMatchObject([{ id: h.id, orphaned: false }]);
    expect(
      restored.view.text.slice(
        restored.view.highlights[0]?.position.start,
        restored.view.highlights[0]?.position.end,
      ),
    ).toBe(h.quote.exact);

    // Dropping an earlier block moves the highlight; the choice survives re-extraction.
    const moved = await nb.call('articleSetBlock', { id, blockId: blockOf(before.text), keep: false });
    expect(moved.moved).toBe(1);
    const again = await nb.call('articleReextract', { id });
    expect(again.view.text).not.toContain(before.text);
    expect(again.orphaned).toBe(0);
    expect(
      (await nb.call('articleOriginal', { id })).blocks.find((b) => b.text === before.text),
    ).toMatchObject({
      kept: false,
      extractorKept: true,
      choice: 'drop',
    });
  });

  it('refuses to drop the last block of an article', async () => {
    const file = join(nb.root, 'one.md');
    await writeFile(file, '# One paragraph\n\nOnly this paragraph is here.\n');
    const one = (await nb.call('importPaths', { paths: [file] })).imported[0]?.id ?? '';
    const kept = (await nb.call('articleOriginal', { id: one })).blocks.filter((b) => b.kept);
    let last: Promise<unknown> = Promise.resolve();
    for (const b of kept) last = nb.call('articleSetBlock', { id: one, blockId: b.id, keep: false });
    await expect(last).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/no text/),
    });
  });
});
