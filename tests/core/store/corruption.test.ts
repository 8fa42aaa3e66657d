// The corruption matrix: each file a notebook keeps × the ways a disk or a person damages it. After each: the
// notebook opens (read-only where a newer Quire wrote it), nothing is overwritten without a byte-exact copy in
// .quarantine/, every record that survives is kept, and notebookInfo tells the researcher what happened.
import { bodyFile } from '../../../src/main/core/store/bodies';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/core/app/create';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../../src/main/core/api-contract';
import { dispatch } from '../../../src/main/core/dispatch';
import { seedFiles, tempDir } from '../../helpers/notebook';

type Damage = 'truncated' | 'emptied' | 'garbled' | 'invalid' | 'missing';

/** Deterministic damage of a file's bytes. */
function damage(bytes: Buffer, how: Damage, needle: string): Buffer | null {
  switch (how) {
    case 'truncated':
      return bytes.subarray(0, Math.max(1, bytes.indexOf(needle)));
    case 'emptied':
      return Buffer.alloc(0);
    case 'garbled': {
      const copy = Buffer.from(bytes);
      const at = copy.indexOf(needle);
      copy[at + 1] = 0xff; // an invalid UTF-8 byte inside a string
      return copy;
    }
    case 'invalid': {
      // The key's value becomes a number: well-formed JSON of the wrong shape.
      const key = needle.replace(/:.*$/, '');
      return Buffer.from(bytes.toString('utf8').replace(`${key}:`, `${key}:7,"was":`));
    }
    case 'missing':
      return null;
  }
}

async function services(dir: string) {
  const s = createServices({ appVersion: '0.0.0-test', userDataDir: path.join(dir, '..', 'user') });
  const info = await s.core.open(dir, { create: true });
  const call = async <M extends ApiMethod>(m: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
    const r = await dispatch(s.api, m, input);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  return { ...s, info, call };
}

let pristine: string;
let articleId: string;
const NOTES = 6;

/** One notebook with articles, a highlight, tags and notes, checkpointed twice (so backups exist), then closed. */
beforeAll(async () => {
  pristine = path.join(await tempDir('quire-corruption-'), 'nb');
  let now = Date.parse('2026-11-22T10:00:00Z');
  const s = createServices({
    appVersion: '0.0.0-test',
    userDataDir: path.join(pristine, '..', 'user'),
    clock: () => new Date(now),
  });
  await s.core.open(pristine, { create: true });
  const call = async <M extends ApiMethod>(m: M, input: ApiInput<M>) => {
    const r = await dispatch(s.api, m, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ApiOutputs[M];
  };
  const report = await call('importPaths', { paths: [seedFiles.ties, seedFiles.visit] });
  articleId = report.imported[0]?.id ?? '';
  const view = await call('articleGet', { id: articleId });
  await call('highlightCreate', { articleId, start: 0, end: 40, tagNames: ['arms-trade'] });
  for (let i = 1; i <= NOTES; i++)
    await call('noteCreate', { title: `Note ${i}`, body: `Body of note ${i}.` });
  expect(view.text.length).toBeGreaterThan(40);
  await s.core.session().store.checkpoint();
  now += 20 * 60_000;
  await call('noteUpdate', { id: (await call('noteList', {}))[0]?.id ?? '', body: 'Edited later.' });
  await s.core.session().store.checkpoint();
  await s.core.close();
}, 60_000);

let round = 0;
async function copyOfPristine(): Promise<string> {
  const dir = path.join(await tempDir('quire-corruption-'), `nb${round++}`);
  await fs.cp(pristine, dir, { recursive: true });
  return dir;
}

async function quarantined(dir: string): Promise<Buffer[]> {
  const folder = path.join(dir, '.quarantine');
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  return Promise.all(names.map((n) => fs.readFile(path.join(folder, n))));
}

const damages: Damage[] = ['truncated', 'emptied', 'garbled', 'invalid', 'missing'];

describe('notebook.json', () => {
  for (const how of damages) {
    it(`${how}: restored from its backup, the damaged bytes kept, the researcher told`, async () => {
      const dir = await copyOfPristine();
      const file = path.join(dir, 'notebook.json');
      const original = await fs.readFile(file);
      const bad = damage(original, how, '"name":');
      if (bad) await fs.writeFile(file, bad);
      else await fs.rm(file);
      const s = await services(dir);
      expect(s.info.name).toBe('nb');
      expect(s.info.noteCount).toBe(NOTES);
      expect(s.info.notices.map((n) => n.message).join(' ')).toMatch(
        how === 'missing'
          ? /notebook\.json was missing; Quire restored it from the backup of/
          : /notebook\.json was damaged and has been set aside/,
      );
      if (bad && how !== 'emptied') expect(await quarantined(dir)).toContainEqual(bad);
      await s.core.close();
    });
  }

  it('newer schemaVersion: opens read-only and changes nothing', async () => {
    const dir = await copyOfPristine();
    const file = path.join(dir, 'notebook.json');
    const data = JSON.parse(await fs.readFile(file, 'utf8'));
    delete data.sum;
    await fs.writeFile(file, JSON.stringify({ ...data, schemaVersion: 99 }));
    const s = await services(dir);
    expect(s.info.readOnly).toBe(true);
    expect(s.info.noteCount).toBe(NOTES);
    await expect(s.call('noteCreate', { title: 'x' })).rejects.toMatchObject({ code: 'READ_ONLY' });
    await s.core.close();
  });
});

describe('a record file (notes)', () => {
  for (const how of damages) {
    it(`${how}: every readable note kept, the rest from the backup, the file set aside, the researcher told`, async () => {
      const dir = await copyOfPristine();
      const store = path.join(dir, 'store');
      // The note file holding the most notes.
      const names = (await fs.readdir(store)).filter((n) => n.startsWith('note-'));
      const sizes = await Promise.all(names.map(async (n) => (await fs.stat(path.join(store, n))).size));
      const name = names[sizes.indexOf(Math.max(...sizes))] ?? '';
      const file = path.join(store, name);
      const original = await fs.readFile(file);
      const bad = damage(original, how, '"title":"Note');
      if (bad) await fs.writeFile(file, bad);
      else await fs.rm(file);
      const s = await services(dir);
      // Every note is back: salvaged from the file, or from the backup taken before the second checkpoint.
      expect(s.info.noteCount).toBe(NOTES);
      const message = s.info.notices.map((n) => n.message).join(' ');
      expect(message).toMatch(
        how === 'missing' ? /store\/note-\d\d\.json is missing/ : /store\/note-\d\d\.json was damaged/,
      );
      if (bad && how !== 'emptied') expect(await quarantined(dir)).toContainEqual(bad);
      // Notices stay until acknowledged, also after a restart.
      await s.core.close();
      const again = await services(dir);
      expect(again.info.notices.length).toBeGreaterThan(0);
      await again.call('notebookAcknowledge', { ids: again.info.notices.map((n) => n.id) });
      await again.core.close();
      expect((await services(dir)).info.notices).toEqual([]);
    });
  }
});

describe('the journal', () => {
  it('a garbled entry: reported with its line, the other changes kept', async () => {
    const dir = await copyOfPristine();
    const crashed = await services(dir);
    const notes = await crashed.call('noteList', {});
    await crashed.call('noteUpdate', { id: notes[1]?.id ?? '', body: 'first change' });
    await crashed.call('noteUpdate', { id: notes[2]?.id ?? '', body: 'second change' });
    // A crash: `crashed` is never closed, so no checkpoint takes these changes out of the journal.
    const folder = path.join(dir, 'journal');
    const names = (await fs.readdir(folder)).sort();
    const file = path.join(folder, names.at(-1) ?? '');
    const text = await fs.readFile(file, 'utf8');
    expect(text).toContain('first change');
    await fs.writeFile(file, text.replace('first change', 'firXt change'));
    await fs.rm(path.join(dir, '.lock'), { force: true });
    const s = await services(dir);
    expect(s.info.notices.map((n) => n.message).join(' ')).toMatch(
      /The journal \(journal\/\d+\.log\) has 1 damaged entry/,
    );
    expect((await s.call('noteGet', { id: notes[2]?.id ?? '' })).note.body).toBe('second change');
    expect(await quarantined(dir)).toHaveLength(1);
    await s.core.close();
  });
});

describe('an article text (body file)', () => {
  for (const how of ['garbled', 'truncated', 'missing'] as const) {
    it(`${how}: the article opens, extracted again from the kept original, and says so`, async () => {
      const dir = await copyOfPristine();
      const s0 = await services(dir);
      const record = s0.core.session().store.get('article', articleId);
      await s0.core.close();
      const key = record?.bodyKey ?? '';
      const file = bodyFile(dir, key);
      const bad = damage(await fs.readFile(file), how, '"text"');
      if (bad) await fs.writeFile(file, bad);
      else await fs.rm(file);
      const s = await services(dir);
      const view = await s.call('articleGet', { id: articleId });
      expect(view.notice).toMatch(/Quire extracted it again from the original file/);
      expect(view.text).toMatch(/Russia/);
      expect(view.highlights).toHaveLength(1);
      expect((await s.call('articleGet', { id: articleId })).notice).toBeNull();
      // The damaged text was not simply overwritten: its bytes are kept.
      if (bad) expect(await quarantined(dir)).toContainEqual(bad);
      await s.core.close();
    });
  }
});

afterAll(async () => {
  await fs.rm(path.dirname(pristine), { recursive: true, force: true });
});
