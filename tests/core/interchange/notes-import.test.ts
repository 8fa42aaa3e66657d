import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestNotebook, type TestNotebook } from '../../helpers/notebook';
import { codedNotebook } from './coded-notebook';

describe('importing an Obsidian vault or a Markdown folder as notes', () => {
  const open: TestNotebook[] = [];
  afterEach(async () => {
    for (const nb of open.splice(0)) await nb.cleanup();
  });

  it('keeps front matter, wikilinks and tags; attachments are referenced, not copied; one undo step', async () => {
    const nb = await openTestNotebook();
    open.push(nb);
    const vault = join(nb.root, 'My Vault');
    await mkdir(join(vault, 'Interviews'), { recursive: true });
    await mkdir(join(vault, '.obsidian'), { recursive: true });
    await writeFile(join(vault, '.obsidian', 'app.json'), '{}');
    await writeFile(
      join(vault, 'Interviews', 'Interview 3.md'),
      '---\ntitle: Interview three\ncreated: 2024-05-01\ntags: [fieldwork]\n---\n\nMet [[Plan]] people. #fieldwork/yangon\n\n![[map.png]]\n',
    );
    await writeFile(join(vault, 'Plan.md'), 'See [[Interviews/Interview 3]] and ![x](img%E0.png).\n');
    await writeFile(join(vault, 'map.png'), new Uint8Array([137, 80, 78, 71]));
    await nb.call('noteCreate', { title: 'Plan', body: 'already here' });

    const r = await nb.call('importNotes', { paths: [vault] });
    expect(r.imported.map((i) => [i.file, i.title]).sort()).toEqual([
      ['Interviews/Interview 3.md', 'Interview three'],
      ['Plan.md', 'Plan (2)'],
    ]);
    expect(r.renamed).toEqual([{ file: 'Plan.md', from: 'Plan', to: 'Plan (2)' }]);
    expect(r.attachments).toEqual(['map.png']);
    const notes = nb.core.session().store.list('note');
    const three = notes.find((n) => n.title === 'Interview three');
    expect(three?.createdAt).toBe('2024-05-01T00:00:00.000Z');
    expect(three?.body).toContain('tags: [fieldwork]');
    expect(three?.body).toContain('#fieldwork/yangon');
    expect(three?.body).toContain('![[map.png]]');
    // Links follow the titles the notes have here: the folder path and the clash are resolved.
    expect(three?.body).toContain('[[Plan (2)]]');
    expect(notes.find((n) => n.title === 'Plan (2)')?.body).toContain('[[Interview three]]');

    const undo = await nb.call('undo', {});
    expect(undo.label).toMatch(/^Import 2 notes from “My Vault”$/);
    expect(
      nb.core
        .session()
        .store.list('note')
        .map((n) => n.title),
    ).toEqual(['Plan']);
  });

  it("a vault Quire exported comes back as its notes, without Quire's article and tag pages", async () => {
    const coded = await codedNotebook();
    open.push(coded.nb);
    const vault = join(coded.nb.root, 'vault');
    await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    const fresh = await openTestNotebook();
    open.push(fresh);
    const r = await fresh.call('importNotes', { paths: [vault] });
    expect(r.imported.map((i) => i.title).sort()).toEqual(['Arms deals', 'Russia ties']);
    expect(r.skipped.length).toBe(8);
    expect(r.skipped.every((p) => /^(Articles|Tags)\//.test(p))).toBe(true);
  });

  it('a zipped vault uploaded in browser mode, and a zip bomb refused with nothing changed', async () => {
    const nb = await openTestNotebook();
    open.push(nb);
    const zip = zipSync({ 'Vault/a.md': strToU8('# A\n\n[[b]]\n'), 'Vault/sub/b.md': strToU8('B') });
    const r = await nb.call('importNotes', {
      files: [{ name: 'vault.zip', data: Buffer.from(zip).toString('base64') }],
    });
    expect(r.imported.map((i) => i.file).sort()).toEqual(['a.md', 'sub/b.md']);

    const bomb = zipSync({ 'big.md': new Uint8Array(20 * 1024 * 1024) });
    const before = nb.core.session().store.list('note').length;
    await expect(
      nb.call('importNotes', { files: [{ name: 'bomb.zip', data: Buffer.from(bomb).toString('base64') }] }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/zip bomb/) });
    expect(nb.core.session().store.list('note').length).toBe(before);
  });
});
