// Notebooks written before the journal (format 1): `articles.json`, `annotations.json` and `notes.json`, with
// rotating copies in backups/<name>.<time>.json. Read once, to move the notebook to the current format. A damaged
// file is set aside byte for byte; every record in it that still reads is kept, and records it lost are taken
// from its newest readable backup.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ArticleRecord, Highlight, Note, Tag } from '../types';
import { readFileIfExists } from './atomic-file';
import { quarantine } from './quarantine';
import { salvageArray } from './salvage-json';
import { articleRecordSchema, highlightSchema, noteSchema, tagSchema } from './schema';
import { BACKUPS_DIR } from './snapshots';
import { displayTime, parseStamp } from './stamps';

export const V1_FILES = ['articles.json', 'annotations.json', 'notes.json'] as const;

export interface V1Records {
  articles: ArticleRecord[];
  tags: Tag[];
  highlights: Highlight[];
  notes: Note[];
  notices: string[];
}

interface ArrayField<T> {
  key: string;
  noun: [string, string];
  schema: z.ZodType<T>;
}
const fields = {
  articles: { key: 'articles', noun: ['article', 'articles'], schema: articleRecordSchema },
  tags: { key: 'tags', noun: ['tag', 'tags'], schema: tagSchema },
  highlights: { key: 'highlights', noun: ['highlight', 'highlights'], schema: highlightSchema },
  notes: { key: 'notes', noun: ['note', 'notes'], schema: noteSchema },
} satisfies Record<string, ArrayField<unknown>>;

/** Whether the folder holds a format-1 notebook's record files. */
export async function hasV1Files(dir: string): Promise<boolean> {
  for (const f of V1_FILES) if ((await readFileIfExists(path.join(dir, f))) !== null) return true;
  return false;
}

export async function loadV1(dir: string, now: () => Date, readOnly: boolean): Promise<V1Records> {
  const notices: string[] = [];
  const [articles] = await loadFile(dir, 'articles.json', [fields.articles], now, readOnly, notices);
  const [tags, highlights] = await loadFile(
    dir,
    'annotations.json',
    [fields.tags, fields.highlights],
    now,
    readOnly,
    notices,
  );
  const [notes] = await loadFile(dir, 'notes.json', [fields.notes], now, readOnly, notices);
  return {
    articles: (articles ?? []) as ArticleRecord[],
    tags: (tags ?? []) as Tag[],
    highlights: (highlights ?? []) as Highlight[],
    notes: (notes ?? []) as Note[],
    notices,
  };
}

/** Moves the format-1 files into backups/format-1/ once their records live in the current format. */
export async function retireV1Files(dir: string): Promise<void> {
  const target = path.join(dir, BACKUPS_DIR, 'format-1');
  await fs.mkdir(target, { recursive: true });
  for (const f of V1_FILES) {
    await fs.rename(path.join(dir, f), path.join(target, f)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}

async function loadFile(
  dir: string,
  file: string,
  wanted: ArrayField<unknown>[],
  now: () => Date,
  readOnly: boolean,
  notices: string[],
): Promise<unknown[][]> {
  const bytes = await readFileIfExists(path.join(dir, file));
  if (bytes === null) {
    const backup = await newestBackup(dir, file, wanted);
    if (backup)
      notices.push(`${file} was missing; Quire restored the backup from ${displayTime(backup.time)}.`);
    return backup?.arrays ?? wanted.map(() => []);
  }
  const text = bytes.toString('utf8');
  const whole = parseWhole(text, wanted);
  if (whole) return whole;

  const setAside = readOnly ? null : await quarantine(dir, file, bytes, now());
  const salvaged = wanted.map((f) => valid(salvageArray(text, f.key), f.schema));
  const backup = await newestBackup(dir, file, wanted);
  const parts = [
    `${file} was damaged` +
      (setAside ? ` and has been set aside in .quarantine/${path.basename(setAside)}` : '') +
      '.',
  ];
  const arrays = wanted.map((f, i) => {
    const saved = salvaged[i] ?? [];
    const ids = new Set(saved.map(idOf));
    const fromBackup = (backup?.arrays[i] ?? []).filter((r) => !ids.has(idOf(r)));
    const noun = (n: number) => `${n} ${f.noun[n === 1 ? 0 : 1]}`;
    parts.push(
      `${noun(saved.length)} were saved from it` +
        (backup && fromBackup.length
          ? `; ${noun(fromBackup.length)} were restored from the backup of ${displayTime(backup.time)}`
          : '') +
        '.',
    );
    return [...saved, ...fromBackup];
  });
  parts.push(
    backup
      ? `Anything added or changed after ${displayTime(backup.time)} that was in the damaged part may be missing.`
      : 'There was no backup: anything in the damaged part of the file may be missing.',
  );
  notices.push(parts.join(' '));
  return arrays;
}

function parseWhole(text: string, wanted: ArrayField<unknown>[]): unknown[][] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const arrays: unknown[][] = [];
  for (const f of wanted) {
    const list = (value as Record<string, unknown>)[f.key];
    if (!Array.isArray(list)) return null;
    const checked = valid(list, f.schema);
    if (checked.length !== list.length) return null;
    arrays.push(checked);
  }
  return arrays;
}

function valid<T>(items: unknown[], schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

const idOf = (r: unknown): string => String((r as { id?: unknown }).id);

async function newestBackup(
  dir: string,
  file: string,
  wanted: ArrayField<unknown>[],
): Promise<{ arrays: unknown[][]; time: Date } | null> {
  const folder = path.join(dir, BACKUPS_DIR);
  const stem = file.replace(/\.json$/, '');
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const dated = names
    .map((name) => {
      const m = /^([a-z]+)\.(.+)\.json$/.exec(name);
      const time = m && m[1] === stem ? parseStamp(m[2] ?? '') : null;
      return time ? { name, time } : null;
    })
    .filter((x): x is { name: string; time: Date } => x !== null)
    .sort((a, b) => b.time.getTime() - a.time.getTime());
  for (const { name, time } of dated) {
    const bytes = await readFileIfExists(path.join(folder, name));
    const arrays = bytes ? parseWhole(bytes.toString('utf8'), wanted) : null;
    if (arrays) return { arrays, time };
  }
  return null;
}
