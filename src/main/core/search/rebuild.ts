// Building the search index from scratch (missing, damaged or older-format cache). One build function serves
// both places it runs: a worker thread (rebuild-worker.ts), so the main process keeps answering while a large
// notebook is indexed, and the calling thread where no worker script exists (tests, one-shot CLI commands).
import type { ApiError } from '../api-contract';
import { QuireError } from '../errors';
import type { ArticleBody } from '../types';
import { startWorker, workerScriptBeside } from '../worker-script';
import { SearchIndex, type ArticleDocMeta, type MemoDoc } from './index';

export interface NoteText {
  id: string;
  title: string;
  body: string;
}

/** What the index needs of an article: its filter fields and where its text is. */
export interface ArticleToIndex extends ArticleDocMeta {
  bodyKey?: string;
}

export interface IndexSource {
  articles: readonly ArticleToIndex[];
  notes: readonly NoteText[];
  memos: readonly MemoDoc[];
  /** The article's stored text, or null when it is missing or damaged. */
  readBody(article: ArticleToIndex): Promise<ArticleBody | null>;
}

export interface BuildOptions {
  /** Articles indexed between two progress reports. */
  progressEvery: number;
  /** Called with the articles indexed so far (never with `done === total`: the caller reports the end). */
  onProgress(done: number, total: number): void | Promise<void>;
  signal?: AbortSignal;
}

/**
 * Indexes every article, note and memo. An article whose text cannot be read is still indexed by its title and
 * metadata, so it stays findable; opening it tells the user what is wrong with the text.
 */
export async function buildIndex(source: IndexSource, options: BuildOptions): Promise<SearchIndex> {
  const index = new SearchIndex();
  const total = source.articles.length;
  for (const [i, meta] of source.articles.entries()) {
    options.signal?.throwIfAborted();
    const body = await source.readBody(meta);
    index.addArticle(meta, body ?? { id: meta.id, text: '', passages: [] });
    const done = i + 1;
    if (done % options.progressEvery === 0 && done < total) await options.onProgress(done, total);
  }
  for (const note of source.notes) index.addNote(note);
  for (const memo of source.memos) index.addMemo(memo);
  return index;
}

/** What the session hands the worker: the notebook folder and what to index (it reads the bodies itself). */
export interface RebuildRequest {
  dir: string;
  articles: ArticleToIndex[];
  notes: NoteText[];
  memos: MemoDoc[];
  /** The journal position the notebook was at when this snapshot was taken: the index records it. */
  seq: number;
}

export type RebuildMessage =
  | { kind: 'progress'; done: number; total: number }
  /** `index.serialize()`, transferred rather than copied. */
  | { kind: 'done'; bytes: Uint8Array }
  | { kind: 'failed'; error: ApiError };

export const REBUILD_WORKER_SCRIPT = 'rebuild-worker.js';

/** The built rebuild worker beside the calling entry (`out/main/*.js`), or null to rebuild in-thread. */
export function rebuildWorkerBeside(entryUrl: string): URL | null {
  return workerScriptBeside(entryUrl, REBUILD_WORKER_SCRIPT);
}

/**
 * Builds the index in a worker thread and brings it back as an index. Rejects when the worker fails or stops;
 * aborting terminates the worker.
 */
export async function rebuildInWorker(
  workerUrl: URL,
  request: RebuildRequest,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<SearchIndex> {
  return SearchIndex.deserialize(await serializedInWorker(workerUrl, request, onProgress, signal));
}

/**
 * Builds the index in a worker thread and brings back only its serialized bytes (moved, not copied): a cache
 * file written without a moment of the main thread spent indexing or serializing.
 */
export function serializedInWorker(
  workerUrl: URL,
  request: RebuildRequest,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const worker = startWorker(workerUrl, { name: 'quire-index-rebuild', workerData: request });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      outcome();
    };
    const abort = () => finish(() => reject(signal?.reason));
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: RebuildMessage) => {
      if (message.kind === 'progress') return onProgress(message.done, message.total);
      if (message.kind === 'failed') {
        return finish(() => reject(new QuireError(message.error.code, message.error.message)));
      }
      finish(() => resolve(message.bytes));
    });
    worker.on('error', (e: unknown) =>
      finish(() => reject(new QuireError('INTERNAL', `Rebuilding the search index failed (${String(e)}).`))),
    );
    worker.on('exit', (code) =>
      finish(() =>
        reject(new QuireError('INTERNAL', `The search index rebuild stopped early (exit code ${code}).`)),
      ),
    );
  });
}
