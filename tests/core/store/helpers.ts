// Shared set-up for the store tests: real temp folders, a controllable clock, and articles built the way the
// importer builds them (hashes computed from real bytes).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openNotebook } from '../../../src/main/core/store';
import type { NotebookStore, OpenOptions } from '../../../src/main/core/store';
import type { ArticleBody, ArticleRecord, Note, Passage, Tag } from '../../../src/main/core/types';

export const corpusDir = path.resolve(__dirname, '../../../../shared/corpus');

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'quire-store-'));
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-11-22T18:40:00.000Z'): {
  now: () => Date;
  advance: (ms: number) => void;
} {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

export function options(now: () => Date = () => new Date('2026-11-22T18:40:00.000Z')): OpenOptions {
  return { appVersion: '0.1.0', create: true, now };
}

export async function createNotebook(now?: () => Date): Promise<{ dir: string; store: NotebookStore }> {
  const dir = path.join(await tempDir(), 'My notebook');
  return { dir, store: await openNotebook(dir, options(now)) };
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface TestArticle {
  record: ArticleRecord;
  body: ArticleBody;
  source: Uint8Array;
}

/** Builds an article from source bytes: paragraphs split on blank lines become passages. */
export function articleFrom(id: string, file: string, source: Uint8Array): TestArticle {
  const text = Buffer.from(source).toString('utf8').replace(/\r\n?/g, '\n').normalize('NFC').trim();
  const passages: Passage[] = [];
  let start = 0;
  for (const para of text.split('\n\n')) {
    passages.push({ id: `${id}-p${passages.length}`, kind: 'paragraph', start, end: start + para.length });
    start += para.length + 2;
  }
  return {
    record: {
      id,
      title: text.split('\n')[0]?.slice(0, 80) ?? file,
      author: null,
      published: null,
      source: null,
      url: null,
      language: 'en',
      format: 'txt',
      file,
      sourceHash: sha256(source),
      textHash: sha256(text),
      words: text.split(/\s+/).filter(Boolean).length,
      passageCount: passages.length,
      importedAt: '2026-11-22T18:40:00.000Z',
    },
    body: { id, text, passages },
    source,
  };
}

export function smallArticle(n: number): TestArticle {
  return articleFrom(
    `a${n}`,
    `article-${n}.txt`,
    Buffer.from(`Headline ${n}\n\nFirst paragraph ${n}.\n\nSecond ${n}.`),
  );
}

/** Stores articles the way an import does: originals and texts first, then one change set naming them. */
export async function addArticles(store: NotebookStore, articles: readonly TestArticle[]): Promise<void> {
  await store.writeSources(new Map(articles.map((a) => [a.record.sourceHash, a.source])));
  const keys = await store.writeBodies(articles.map((a) => a.body));
  await store.commit({ label: `Import ${articles.length} articles`, origin: 'user' }, (tx) => {
    articles.forEach((a, i) => tx.put('article', { ...a.record, bodyKey: keys[i] }));
  });
}

export const note = (i: number, body = `Body ${i}`): Note => ({
  id: `n${i}`,
  title: `Note ${i}`,
  body,
  createdAt: '2026-11-22T18:40:00.000Z',
  updatedAt: '2026-11-22T18:40:00.000Z',
});

export const tag = (i: number): Tag => ({
  id: `t${i}`,
  name: `tag ${i}`,
  parentId: null,
  description: '',
  order: 0,
  color: '#3366cc',
  memo: '',
  createdAt: '2026-11-22T18:40:00.000Z',
});

/** Puts records in one change set. */
export async function put(store: NotebookStore, ...records: (Note | Tag)[]): Promise<void> {
  await store.commit({ label: 'test', origin: 'user' }, (tx) => {
    for (const r of records) {
      if ('body' in r) tx.put('note', r);
      else tx.put('tag', r);
    }
  });
}

/** Every file under `dir` with its bytes and mtime, to prove that nothing changed. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const entry of await fs.readdir(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const stat = await fs.stat(full);
        out.set(path.relative(dir, full), `${stat.mtimeMs}:${sha256(await fs.readFile(full))}`);
      }
    }
  };
  await walk(dir);
  return out;
}

export async function listAll(dir: string): Promise<string[]> {
  return [...(await snapshot(dir)).keys()].sort();
}

export async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}
