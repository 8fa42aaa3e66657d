import type { Adapter } from 'lowdb';
import { readFileIfExists, writeFileAtomic } from './atomic-file';

export interface JsonAdapterOptions<T> {
  /** Turns parsed JSON into T or throws; the adapter never hands out unchecked data. */
  parse: (raw: unknown) => T;
  /** Runs before each write reaches the disk (backups hook in here). */
  beforeWrite?: () => Promise<void>;
  /** Pretty-print small files so a person can read them; the big index stays compact. */
  indent?: number;
}

/**
 * A lowdb adapter that writes through `writeFileAtomic`. Writes to one file are queued so two concurrent
 * writes can never interleave, and each write serialises its data at call time, so the file always ends
 * up holding the data of the last call.
 */
export class AtomicJsonAdapter<T> implements Adapter<T> {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly options: JsonAdapterOptions<T>,
  ) {}

  async read(): Promise<T | null> {
    const bytes = await readFileIfExists(this.file);
    if (bytes === null) return null;
    return this.options.parse(JSON.parse(bytes.toString('utf8')));
  }

  write(data: T): Promise<void> {
    const text = formatJson(data, this.options.indent);
    const run = async (): Promise<void> => {
      await this.options.beforeWrite?.();
      await writeFileAtomic(this.file, text);
    };
    const result = this.chain.then(run);
    // A failed write must not block the ones queued after it; the caller still sees the failure.
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every queued write has finished (successfully or not). */
  settled(): Promise<void> {
    return this.chain;
  }
}

/** The on-disk form of every metadata file (also used when a restored file is written back). */
export function formatJson(data: unknown, indent?: number): string {
  return JSON.stringify(data, null, indent) + '\n';
}
