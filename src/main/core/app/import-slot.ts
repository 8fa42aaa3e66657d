import { QuireError } from '../errors';

interface Cancellable {
  cancel(): void;
}

/** One import at a time per app: a second one is refused (not queued) so progress is never ambiguous. */
export class ImportSlot {
  private running: Cancellable | null = null;
  private claimed = false;

  get busy(): boolean {
    return this.claimed;
  }

  /** Claims the slot before any await, so two imports can never interleave. */
  async run<T>(start: () => Promise<{ batch: Cancellable; done: Promise<T> }>): Promise<T> {
    if (this.claimed) {
      throw new QuireError(
        'IMPORT_BUSY',
        'An import is already running. Wait for it to finish or cancel it first.',
      );
    }
    this.claimed = true;
    try {
      const { batch, done } = await start();
      this.running = batch;
      return await done;
    } finally {
      this.claimed = false;
      this.running = null;
    }
  }

  /** True when an import was running (it stops after the file in hand; what was imported is kept). */
  cancel(): boolean {
    this.running?.cancel();
    return this.running !== null;
  }
}
