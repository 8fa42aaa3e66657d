import { basename, resolve } from 'node:path';
import type { NotebookInfo } from '../types';
import type { QuireEventListener } from '../api-contract';
import type { Clock, IdGenerator } from '../ids';
import { QuireError, isQuireError } from '../errors';
import type { Extractor } from '../import/extract-pool';
import { openNotebook } from '../store/index';
import { History } from './history';
import { ImportSlot } from './import-slot';
import { RecentNotebooks } from './recent';
import { NotebookSession } from './session';
import { purgeExpiredTrash } from './trash';

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

export interface OpenRequest {
  create: boolean;
  /**
   * When another Quire process has the notebook open (its lock is live), open it read-only instead of refusing:
   * for commands that only read.
   */
  readOnlyIfLocked?: boolean;
}

/** Holds the one open notebook and what every handler needs. No electron, no DOM: shared by all edges. */
export class Core {
  readonly recent: RecentNotebooks;
  readonly imports = new ImportSlot();
  private current: NotebookSession | null = null;
  /** Undo history per notebook, for as long as the app runs: switching notebooks and back keeps it. */
  private readonly histories = new Map<string, History>();
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
      throw new QuireError('READ_ONLY', s.store.readOnlyReason ?? 'This notebook is open read-only.');
    }
    return s;
  }

  async open(path: string, request: OpenRequest): Promise<NotebookInfo> {
    const dir = resolve(path);
    const next = this.switching.then(async () => {
      // Opening the notebook that is already open changes nothing (its lock is ours).
      if (this.current?.store.dir === dir) return this.info();
      if (this.imports.busy) {
        throw new QuireError(
          'IMPORT_BUSY',
          'An import is running. Wait for it to finish or cancel it first.',
        );
      }
      const store = await this.openStore(dir, request);
      let session: NotebookSession;
      try {
        let history = this.histories.get(dir);
        if (!history) this.histories.set(dir, (history = new History()));
        session = await NotebookSession.open(store, history, this.emit, this.options.clock, {
          rebuildWorker: this.options.rebuildWorker,
        });
      } catch (e) {
        await store.close();
        throw e;
      }
      const previous = this.current;
      this.current = session;
      await previous?.close();
      if (!store.readOnly) await purgeExpiredTrash(session, this.now()).catch(() => undefined);
      await this.recent.remember(dir, store.name || basename(dir), this.now()).catch(() => undefined);
      return this.info();
    });
    this.switching = next.catch(() => undefined);
    const info = await next;
    this.emit('notebook', info);
    return info;
  }

  info(): NotebookInfo {
    const { store } = this.session();
    return {
      name: store.name,
      path: store.dir,
      readOnly: store.readOnly,
      readOnlyReason: store.readOnlyReason,
      notices: [...store.notices()],
      articleCount: store.list('article').length,
      noteCount: store.list('note').length,
      tagCount: store.list('tag').length,
      seq: store.seq,
    };
  }

  /** The notices were read: they stop being shown (on every surface). */
  async acknowledge(ids: readonly string[]): Promise<NotebookInfo> {
    await this.session().store.acknowledgeNotices(ids);
    const info = this.info();
    this.emit('notebook', info);
    return info;
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

  private async openStore(dir: string, request: OpenRequest) {
    const options = { appVersion: this.options.appVersion, create: request.create, now: this.options.clock };
    try {
      return await openNotebook(dir, options);
    } catch (e) {
      if (!request.readOnlyIfLocked || !isQuireError(e) || e.code !== 'NOTEBOOK_LOCKED') throw e;
      return openNotebook(dir, {
        ...options,
        create: false,
        readOnly: true,
        readOnlyReason:
          'Another Quire process has this notebook open (for example `quire serve` or the desktop app), so it is ' +
          'open read-only here: reading, searching and exporting work; make changes there.',
      });
    }
  }
}
