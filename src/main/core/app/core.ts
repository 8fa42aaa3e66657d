import { basename, resolve } from 'node:path';
import type { NotebookInfo } from '../types';
import type { QuireEventListener } from '../api-contract';
import type { Clock, IdGenerator } from '../ids';
import { QuireError } from '../errors';
import type { Extractor } from '../import/extract-pool';
import { openNotebook } from '../store/index';
import { RecentNotebooks } from './recent';
import { NotebookSession } from './session';

export interface CoreOptions {
  appVersion: string;
  userDataDir: string;
  ids: IdGenerator;
  clock: Clock;
  emit: QuireEventListener;
  /** Where imports extract files: a worker pool in the app and CLI, in-process where no worker exists. */
  extractor: Extractor;
  /** The search-index rebuild worker script; null rebuilds on the calling thread (tests, one-shot commands). */
  rebuildWorker: URL | null;
}

/** Holds the one open notebook and what every handler needs. No electron, no DOM: shared by all edges. */
export class Core {
  readonly recent: RecentNotebooks;
  private current: NotebookSession | null = null;
  /** Serialises open/close so two quick "open notebook" calls cannot race. */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(readonly options: CoreOptions) {
    this.recent = new RecentNotebooks(options.userDataDir);
  }

  get ids(): IdGenerator {
    return this.options.ids;
  }
  now(): Date {
    return this.options.clock();
  }
  get emit(): QuireEventListener {
    return this.options.emit;
  }
  get extractor(): Extractor {
    return this.options.extractor;
  }

  session(): NotebookSession {
    if (!this.current) {
      throw new QuireError('NOTEBOOK_ERROR', 'No notebook is open. Open or create a notebook first.');
    }
    return this.current;
  }

  /** The open session, refusing when the notebook is read-only. */
  writable(): NotebookSession {
    const s = this.session();
    if (s.store.readOnly) {
      throw new QuireError('READ_ONLY', 'This notebook is open read-only, so it cannot be changed.');
    }
    return s;
  }

  async open(path: string, create: boolean): Promise<NotebookInfo> {
    const dir = resolve(path);
    const next = this.switching.then(async () => {
      const store = await openNotebook(dir, {
        appVersion: this.options.appVersion,
        create,
        now: this.options.clock,
      });
      let session: NotebookSession;
      try {
        session = await NotebookSession.open(store, this.emit, { rebuildWorker: this.options.rebuildWorker });
      } catch (e) {
        await store.close();
        throw e;
      }
      const previous = this.current;
      this.current = session;
      await previous?.close();
      await this.recent.remember(dir, store.name || basename(dir), this.now()).catch(() => undefined);
      return this.info();
    });
    this.switching = next.catch(() => undefined);
    const info = await next;
    this.emit('changed', { what: 'notebook' });
    return info;
  }

  info(): NotebookInfo {
    const { store } = this.session();
    return {
      name: store.name,
      path: store.dir,
      readOnly: store.readOnly,
      warnings: [...store.warnings],
      articleCount: store.articles().length,
      noteCount: store.notes().length,
      tagCount: store.tags().length,
    };
  }

  async close(): Promise<void> {
    await this.switching;
    const s = this.current;
    this.current = null;
    try {
      await s?.close();
    } finally {
      await this.options.extractor.close();
    }
  }
}
