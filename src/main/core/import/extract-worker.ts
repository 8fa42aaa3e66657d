// Entry of an extraction worker thread (see extract-pool.ts): one job at a time, bytes in, Extraction out.
// Built as its own main-build entry (out/main/extract-worker.js); tests start it from this file through tsx.
import { parentPort } from 'node:worker_threads';
import { toApiError } from '../errors';
import { extractFile } from './extract';
import { WORKER_READY, type WorkerReply, type WorkerRequest } from './extract-pool';

const port = parentPort;
if (!port) throw new Error('extract-worker.ts runs only as a worker thread.');

port.on('message', (job: WorkerRequest) => {
  void extractFile(job.bytes, job.fileName).then(
    (extraction) => port.postMessage({ id: job.id, ok: true, extraction } satisfies WorkerReply),
    (e: unknown) => port.postMessage({ id: job.id, ok: false, error: toApiError(e) } satisfies WorkerReply),
  );
});
port.postMessage(WORKER_READY);
