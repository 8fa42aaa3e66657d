import type { QuireEventListener, QuireEventName, QuireEvents } from '../api-contract';

/** Fans core events out to every connected UI (IPC windows, browser-mode event streams). */
export class EventHub {
  private readonly listeners = new Set<QuireEventListener>();

  readonly emit: QuireEventListener = <E extends QuireEventName>(name: E, payload: QuireEvents[E]) => {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // One broken connection must not stop the others from hearing about changes.
      }
    }
  };

  subscribe(listener: QuireEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
