import type { IncomingMessage } from 'node:http';
import type { ApiError } from '../core/api-contract';
import type { ByteBudget } from './byte-budget';

export interface BodyLimits {
  /** The largest body accepted: a 50 MB file (the import limit) in base64, plus its JSON. */
  maxBytes: number;
  /** A body that sends nothing for this long is abandoned. */
  idleMs: number;
  /** A body must arrive within this long once its reading starts. */
  totalMs: number;
  /** A request waits at most this long for room in the byte budget. */
  waitMs: number;
}

export type BodyResult =
  | { ok: true; value: unknown; release: () => void }
  /**
   * Answered with `status` and the envelope. `close` ends the connection (a stalled or malformed request);
   * otherwise the rest of the body is read and discarded, holding no memory, so that a browser still
   * uploading receives the answer instead of a reset connection.
   */
  | { ok: false; status: number; error: ApiError; close: boolean; retryAfterS?: number };

const tooLarge = (limits: BodyLimits): BodyResult => ({
  ok: false,
  status: 413,
  close: false,
  error: {
    code: 'BAD_INPUT',
    message: `The request is too large (over ${Math.round(limits.maxBytes / 1024 / 1024)} MB): send fewer files at a time.`,
  },
});

/**
 * Reads a JSON body within the byte budget and the time limits. The reservation is returned with the value
 * and must be released once the answer is sent; on every failure it is already released.
 */
export async function readJsonBody(
  req: IncomingMessage,
  budget: ByteBudget,
  limits: BodyLimits,
): Promise<BodyResult | null> {
  // Node's parser has already refused a Content-Length that is not a number.
  const header = req.headers['content-length'];
  const declared = header === undefined ? null : Number(header);
  if (declared !== null && declared > limits.maxBytes) return tooLarge(limits);

  // Without a declared length the body may be as large as allowed: reserve that much.
  const gaveUp = new AbortController();
  const onGone = () => gaveUp.abort(new Error('client gone'));
  req.once('close', onGone);
  let release: () => void;
  try {
    release = await budget.reserve(
      declared ?? limits.maxBytes,
      AbortSignal.any([gaveUp.signal, AbortSignal.timeout(limits.waitMs)]),
    );
  } catch {
    req.off('close', onGone);
    if (gaveUp.signal.aborted) return null; // nobody left to answer
    return {
      ok: false,
      status: 503,
      close: false,
      retryAfterS: 5,
      error: {
        code: 'IMPORT_BUSY',
        message: 'Quire is busy receiving other uploads. Try again in a moment.',
      },
    };
  }
  req.off('close', onGone);

  const body = await collect(req, declared, limits);
  if (!Buffer.isBuffer(body)) {
    release();
    return body;
  }
  if (body.length === 0) return { ok: true, value: {}, release };
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    release();
    return {
      ok: false,
      status: 200,
      close: false,
      error: { code: 'BAD_INPUT', message: 'The request body is not valid JSON.' },
    };
  }
  return { ok: true, value, release };
}

/** A timer check that ran this much later than scheduled means the thread was busy, not the client idle. */
const BUSY_MS = 100;

/** The body bytes, or why they were refused (null: the client went away). */
function collect(
  req: IncomingMessage,
  declared: number | null,
  limits: BodyLimits,
): Promise<Buffer | BodyResult | null> {
  return new Promise((resolve) => {
    // With a declared length, one buffer of that size: no second copy from concatenating chunks.
    const into = declared !== null ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    const started = Date.now();
    let lastData = started;
    const stalled = (message: string): BodyResult => ({
      ok: false,
      status: 408,
      close: true,
      error: { code: 'IO_ERROR', message },
    });
    let done = false;
    const finish = (result: Buffer | BodyResult | null) => {
      if (done) return;
      done = true;
      clearInterval(watch);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (!Buffer.isBuffer(result)) req.pause();
      resolve(result);
    };
    // Judged right after an I/O phase (setImmediate) that was not itself held up: when this thread was busy,
    // bytes the client sent meanwhile may still be waiting in the socket, so the judgement waits a tick.
    const check = (queuedAt: number) => {
      const now = Date.now();
      if (now - queuedAt > BUSY_MS) return;
      if (now - lastData >= limits.idleMs) {
        const s = Math.round(limits.idleMs / 1000);
        finish(stalled(`The request body stopped arriving for ${s} s, so Quire gave up on it. Try again.`));
      } else if (now - started >= limits.totalMs) {
        const s = Math.round(limits.totalMs / 1000);
        finish(
          stalled(`The request body took longer than ${s} s to arrive, so Quire gave up on it. Try again.`),
        );
      }
    };
    const watch = setInterval(
      () => {
        const queuedAt = Date.now();
        setImmediate(() => check(queuedAt));
      },
      Math.min(1000, limits.idleMs / 3),
    );
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > (declared ?? limits.maxBytes)) return finish(tooLarge(limits));
      if (into) chunk.copy(into, size);
      else chunks.push(chunk);
      size += chunk.length;
      lastData = Date.now();
    };
    const onEnd = () => finish(into ? into.subarray(0, size) : Buffer.concat(chunks, size));
    const onClose = () => finish(null);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
  });
}
