// Entry of the search-index rebuild worker thread (see rebuild.ts): reads every article's stored text itself,
// builds the index and transfers its serialized bytes back. Built as its own main-build entry
// (out/main/rebuild-worker.js); tests start it from this file through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError } from '../errors';
import { readBodyFile } from '../store/bodies';
import { buildIndex, type RebuildMessage, type RebuildRequest } from './rebuild';

/** Progress messages are cheap, but a few hundred per 50k articles is plenty for a progress bar. */
const PROGRESS_EVERY = 200;

const port = parentPort;
if (!port) throw new Error('rebuild-worker.ts runs only as a worker thread.');
// Structured-cloned from the session's RebuildRequest.
const request: RebuildRequest = workerData;

const post = (message: RebuildMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function run(): Promise<void> {
  try {
    const index = await buildIndex(
      {
        articles: request.articles,
        notes: request.notes,
        memos: request.memos,
        readBody: (article) => readBodyFile(request.dir, article).catch(() => null),
      },
      { progressEvery: PROGRESS_EVERY, onProgress: (done, total) => post({ kind: 'progress', done, total }) },
    );
    index.seq = request.seq;
    const bytes = index.serialize();
    // Moved, not copied: at 50k articles the index is hundreds of megabytes.
    post({ kind: 'done', bytes }, bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : []);
  } catch (e) {
    post({ kind: 'failed', error: toApiError(e) });
  }
}

void run();
