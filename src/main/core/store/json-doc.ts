import path from 'node:path';
import { Low } from 'lowdb';
import { QuireError } from '../errors';
import type { AtomicJsonAdapter } from './json-adapter';

/**
 * One metadata file held in memory by lowdb. Updates are transactions, run one at a time: each works on a
 * copy, is validated, written, and only then becomes what readers see. A throwing updater or a failed write
 * leaves both memory and disk as they were.
 */
export class JsonDoc<T> {
  private readonly low: Low<T>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly adapter: AtomicJsonAdapter<T>,
    initial: T,
    private readonly validate: (data: T) => void,
  ) {
    this.low = new Low(adapter, initial);
  }

  get data(): T {
    return this.low.data;
  }

  /** Mutate a copy of the data, then write it once. */
  update<R>(fn: (draft: T) => R): Promise<R> {
    return this.enqueue(async () => {
      const draft = structuredClone(this.low.data);
      const result = fn(draft);
      if (result instanceof Promise) {
        // Changes made after an await would silently miss the write.
        throw new QuireError(
          'INTERNAL',
          'A store update must change the data synchronously; nothing was saved.',
        );
      }
      await this.commit(draft);
      return result;
    });
  }

  /** Replace the data with `next`, built from the current data by the caller (no copy of large data). */
  replace(build: (current: T) => T): Promise<void> {
    return this.enqueue(() => this.commit(build(this.low.data)));
  }

  /** Resolves when every queued update has finished. */
  async idle(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.adapter.settled();
  }

  private async commit(next: T): Promise<void> {
    try {
      this.validate(next);
    } catch (e) {
      throw new QuireError(
        'INTERNAL',
        `Quire refused to save ${path.basename(this.adapter.file)} because the change would make it unreadable; nothing was changed.`,
        { cause: e },
      );
    }
    // Written through the adapter before it becomes visible, so readers only ever see data that is on disk.
    await this.adapter.write(next);
    this.low.data = next;
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
