import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, type JournalEntry } from '../../../src/main/core/store/journal';
import { note, tempDir } from './helpers';

const entry = (seq: number): JournalEntry => ({
  seq,
  at: '2026-11-22T18:40:00.000Z',
  label: `change ${seq}`,
  origin: 'user',
  puts: [{ kind: 'note', id: `n${seq}`, after: note(seq) }],
});

async function written(n: number): Promise<string> {
  const dir = await tempDir();
  const { journal } = await Journal.open(dir, { readOnly: false });
  for (let i = 1; i <= n; i++) await journal.append(entry(i));
  await journal.close();
  return dir;
}

describe('the journal', () => {
  it('gives back every appended entry in order', async () => {
    const dir = await written(5);
    const { entries, damage } = await Journal.open(dir, { readOnly: true });
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(damage).toEqual([]);
  });

  it('cuts off an unfinished last line (a crash mid-append) and appends cleanly after it', async () => {
    const dir = await written(3);
    const [file] = await fs.readdir(path.join(dir, 'journal'));
    const full = path.join(dir, 'journal', file ?? '');
    await fs.appendFile(full, '0123456789abcdef {"seq":4,"at":"2026');
    const opened = await Journal.open(dir, { readOnly: false });
    expect(opened.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(opened.damage).toEqual([]);
    await opened.journal.append(entry(4));
    await opened.journal.close();
    expect((await Journal.open(dir, { readOnly: true })).entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('reports a garbled entry by line and keeps the others', async () => {
    const dir = await written(3);
    const [file] = await fs.readdir(path.join(dir, 'journal'));
    const full = path.join(dir, 'journal', file ?? '');
    const text = await fs.readFile(full, 'utf8');
    await fs.writeFile(full, text.replace('change 2', 'chXnge 2'));
    const { entries, damage } = await Journal.open(dir, { readOnly: true });
    expect(entries.map((e) => e.seq)).toEqual([1, 3]);
    expect(damage).toEqual([{ file: full, line: 2, why: 'checksum' }]);
  });

  it('lets go of whole segments once a checkpoint holds them, never the one being written', async () => {
    const dir = await tempDir();
    const { journal } = await Journal.open(dir, { readOnly: false });
    for (let i = 1; i <= 3; i++) await journal.append(entry(i));
    await journal.rotate(4);
    for (let i = 4; i <= 5; i++) await journal.append(entry(i));
    await journal.dropThrough(3);
    await journal.dropThrough(5);
    await journal.close();
    const { entries } = await Journal.open(dir, { readOnly: true });
    expect(entries.map((e) => e.seq)).toEqual([4, 5]);
  });
});
