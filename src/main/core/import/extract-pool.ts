import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ApiError } from '../api-contract';
import { QuireError } from '../errors';
import type { Extraction } from '../types';
import { startWorker, workerScriptBeside } from '../worker-script';
import { extractFile } from './extract';

/** Turns a file's bytes into an article. The import batch does not care where the work runs. */
export interface Extractor {
  extract(bytes: Uint8Array, fileName: string): Promise<Extraction>;
  close(): Promise<void>;
  /** How many files it works on at once; an import keeps about twice as many in flight. */
  readonly parallelism: number;
}

/** Extraction on the calling thread: for edges that have no worker script (tests, `quire extract`). */
export const inProcessExtractor: Extractor = {
  parallelism: 1,
  extract: extractFile,
  close: async () => undefined,
};

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}
export type WorkerReply =
  { id: number; ok: true; extraction: Extraction } | { id: number; ok: false; error: ApiError };
/** Sent once the worker has loaded the extractor: a file's time limit starts then, not at the spawn. */
export const WORKER_READY = 'ready';
export type WorkerMessage = WorkerReply | typeof WORKER_READY;

export interface ExtractorPoolOptions {
  /** The worker script: `extract-worker.js` when built, `extract-worker.ts` (run through tsx) from source. */
  workerUrl: URL;
  size?: number;
  /** Per-file time limit; the worker is terminated and replaced when a file exceeds it. */
  timeoutMs?: number;
  /** Heap limit of each worker: a file that needs more fails alone instead of taking the app down. */
  maxOldGenerationSizeMb?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_WORKER_HEAP_MB = 1024;

/**
 * Extraction is CPU-bound while the main thread mostly waits on disk writes, so on a 2-core machine two
 * workers beat one (measured: see the report of issue 3); past four, the main thread's storing and indexing
 * becomes the limit.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(2, Math.min(4, cores - 1));
}

/** The pool when the built worker sits beside the calling entry (`out/main/*.js`), else in-process. */
export function extractorBeside(
  entryUrl: string,
  options: Omit<ExtractorPoolOptions, 'workerUrl'> = {},
): Extractor {
  const workerUrl = workerScriptBeside(entryUrl, 'extract-worker.js');
  return workerUrl ? createExtractorPool({ ...options, workerUrl }) : inProcessExtractor;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  resolve: (e: Extraction) => void;
  reject: (e: QuireError) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | undefined;
}

export function createExtractorPool(options: ExtractorPoolOptions): Extractor {
  return new ExtractorPool(options);
}

class ExtractorPool implements Extractor {
  readonly parallelism: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;
  private readonly queue: Job[] = [];
  private slots: Slot[] = [];
  private nextId = 1;

  constructor(private readonly options: ExtractorPoolOptions) {
    this.parallelism = Math.max(1, options.size ?? defaultPoolSize());
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.heapMb = options.maxOldGenerationSizeMb ?? DEFAULT_WORKER_HEAP_MB;
  }

  extract(bytes: Uint8Array, fileName: string): Promise<Extraction> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, fileName, resolve, reject });
      this.pump();
    });
  }

  /** Terminates every worker; files still waiting fail. A later `extract` starts fresh workers. */
  async close(): Promise<void> {
    const stopping = new QuireError('INTERNAL', 'Quire stopped reading files because it is closing.');
    for (const job of this.queue.splice(0)) job.reject(stopping);
    const slots = this.slots;
    this.slots = [];
    await Promise.all(
      slots.map((slot) => {
        clearTimeout(slot.timer);
        slot.job?.reject(stopping);
        slot.job = null;
        return slot.worker.terminate();
      }),
    );
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot) {
        if (this.slots.length >= this.parallelism) return;
        slot = this.spawn();
      }
      const job = this.queue.shift();
      if (job) this.assign(slot, job);
    }
  }

  private spawn(): Slot {
    const worker = startWorker(this.options.workerUrl, {
      name: 'quire-extract',
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const slot: Slot = { worker, ready: false, job: null, timer: undefined };
    worker.on('message', (message: WorkerMessage) => {
      if (message !== WORKER_READY) return this.settle(slot, message);
      slot.ready = true;
      this.startClock(slot);
    });
    worker.on('error', (e: unknown) => this.retire(slot, this.crashError(e)));
    worker.on('exit', (code) =>
      this.retire(
        slot,
        new QuireError(
          'INTERNAL',
          `Quire's file reader stopped (exit code ${code}), so this file was skipped.`,
        ),
      ),
    );
    // An idle pool must not keep a CLI process alive.
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    // The caller keeps its bytes (the import stores them as the source), so the worker gets its own copy,
    // moved rather than cloned a second time.
    const copy = new Uint8Array(job.bytes);
    const request: WorkerRequest = { id: job.id, bytes: copy, fileName: job.fileName };
    slot.worker.postMessage(request, [copy.buffer]);
    this.startClock(slot);
  }

  private startClock(slot: Slot): void {
    if (!slot.ready || !slot.job) return;
    slot.timer = setTimeout(() => this.retire(slot, this.timeoutError()), this.timeoutMs);
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.job = null;
    slot.worker.unref();
    if (reply.ok) job.resolve(reply.extraction);
    else job.reject(new QuireError(reply.error.code, reply.error.message));
    this.pump();
  }

  /** Fails the worker's current file (if any), terminates the worker and lets `pump` start a fresh one. */
  private retire(slot: Slot, error: QuireError): void {
    if (!this.slots.includes(slot)) return;
    this.slots = this.slots.filter((s) => s !== slot);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    void slot.worker.terminate();
    job?.reject(error);
    this.pump();
  }

  private timeoutError(): QuireError {
    const ms = this.timeoutMs;
    const seconds = Math.round(ms / 1000);
    const limit = ms < 1000 ? `${ms} ms` : `${seconds} second${seconds === 1 ? '' : 's'}`;
    return new QuireError('BAD_INPUT', `Reading this file took longer than ${limit}, so Quire skipped it.`);
  }

  private crashError(e: unknown): QuireError {
    const code = typeof e === 'object' && e !== null && 'code' in e ? e.code : undefined;
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new QuireError(
        'BAD_INPUT',
        `Reading this file ran out of memory (over ${this.heapMb} MB), so Quire skipped it.`,
      );
    }
    const why = e instanceof Error ? e.message : String(e);
    return new QuireError('INTERNAL', `Quire's file reader failed on this file (${why}), so it was skipped.`);
  }
}
