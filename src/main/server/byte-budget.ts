/**
 * Bounds the request-body bytes held in memory across all concurrent requests. A request reserves its
 * declared size before its body is read and keeps the reservation until its answer is sent (the parsed body
 * lives that long). A request that does not fit waits, in arrival order, without reading: its bytes stay in
 * the client and the kernel (TCP flow control), not in Quire. Small requests (API calls, not uploads) may pass
 * waiting uploads, so the UI stays responsive while a large upload waits.
 */
export class ByteBudget {
  private used = 0;
  private highest = 0;
  private readonly queue: { bytes: number; grant: () => void }[] = [];

  constructor(
    readonly limit: number,
    /** Requests up to this size skip the queue when they fit. */
    private readonly small = 256 * 1024,
  ) {}

  get inUse(): number {
    return this.used;
  }
  /** The most ever reserved at once: what tests and benchmarks check against the limit. */
  get peak(): number {
    return this.highest;
  }

  /**
   * Resolves with the release function once `bytes` (at most `limit`) are reserved; rejects with
   * `signal.reason` if the signal aborts first (the request gave up or waited too long).
   */
  reserve(bytes: number, signal?: AbortSignal): Promise<() => void> {
    if (bytes > this.limit)
      throw new RangeError(`A reservation of ${bytes} bytes exceeds the budget of ${this.limit}.`);
    return new Promise((resolve, reject) => {
      const entry = {
        bytes,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.take(bytes);
          resolve(this.releaser(bytes));
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason);
      };
      if (this.fits(bytes) && (this.queue.length === 0 || bytes <= this.small)) {
        entry.grant();
        return;
      }
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
    });
  }

  private fits(bytes: number): boolean {
    return this.used + bytes <= this.limit;
  }

  private take(bytes: number): void {
    this.used += bytes;
    this.highest = Math.max(this.highest, this.used);
  }

  private releaser(bytes: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
      this.drain();
    };
  }

  private drain(): void {
    for (let head = this.queue[0]; head && this.fits(head.bytes); head = this.queue[0]) {
      this.queue.shift();
      head.grant();
    }
  }
}
