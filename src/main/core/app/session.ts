// One open notebook and the one way it changes. A handler describes a user operation as a change set;
// `commit` writes it (store + journal), then everything derived follows from the committed change set, in
// commit order: counts and links, the search index, undo history, and one event to every connected UI.
import type { CommitEvent, QuireEventListener, UndoState } from '../api-contract';
import type { Committed, ChangeOrigin } from '../store/records';
import type { Transaction } from '../store/transaction';
import type { NotebookStore } from '../store/types';
import type { ArticleBody, ArticleRecord } from '../types';
import { summarize } from './article-summary';
import { Derived } from './derived';
import type { History, StepOptions } from './history';
import { SearchKeeper } from './search-keeper';

const BODY_CACHE_SIZE = 200;

export interface SessionOptions {
  /** The rebuild worker script; without one the index is rebuilt on the calling thread before `open` returns. */
  rebuildWorker?: URL | null;
}

export interface CommitOptions extends StepOptions {
  /** Defaults to a user operation (undoable). */
  origin?: ChangeOrigin;
  /** Article texts the change set points at, already in hand (the index need not read them back). */
  bodies?: readonly ArticleBody[];
}

/** Hears every committed change set, after search and counts reflect it (replication pushes from here). */
export type CommitSubscriber = (cs: Committed) => void;

export class NotebookSession {
  readonly derived: Derived;
  /** Who makes this notebook's changes (a shared notebook's user name): stamped on what they write. */
  author: string | null = null;
  private keeper!: SearchKeeper;
  private readonly subscribers = new Set<CommitSubscriber>();
  private readonly closers: (() => Promise<void>)[] = [];
  private readonly bodies = new Map<string, ArticleBody>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly store: NotebookStore,
    readonly history: History,
    private readonly emit: QuireEventListener,
    private readonly now: () => Date,
  ) {
    this.derived = new Derived(store);
  }

  static async open(
    store: NotebookStore,
    history: History,
    emit: QuireEventListener,
    now: () => Date,
    options: SessionOptions = {},
  ): Promise<NotebookSession> {
    const session = new NotebookSession(store, history, emit, now);
    session.keeper = await SearchKeeper.open({
      store,
      derived: session.derived,
      emit,
      rebuildWorker: options.rebuildWorker ?? null,
      body: (record) => session.body(record),
    });
    return session;
  }

  get index() {
    return this.keeper.index;
  }

  /** How far a running index rebuild has got, or null. */
  get indexBuilding(): { done: number; total: number } | null {
    return this.keeper.building;
  }

  /** Resolves once no index rebuild is running. */
  indexReady(): Promise<void> {
    return this.keeper.ready();
  }

  /** An article's text, from a small cache (texts are immutable per key, so the cache is never stale). */
  async body(record: Pick<ArticleRecord, 'id' | 'bodyKey' | 'title'>): Promise<ArticleBody> {
    const key = record.bodyKey ?? record.id;
    const hit = this.bodies.get(key);
    if (hit) {
      this.bodies.delete(key);
      this.bodies.set(key, hit);
      return { ...hit, id: record.id };
    }
    const body = await this.store.readBody(record);
    this.bodies.set(key, body);
    if (this.bodies.size > BODY_CACHE_SIZE) {
      const oldest = this.bodies.keys().next().value;
      if (oldest !== undefined) this.bodies.delete(oldest);
    }
    return body;
  }

  /**
   * The one way a change happens. `build` reads the notebook and stages changes (synchronously); the change set
   * is committed and then published. Resolves once search, counts and history reflect it.
   */
  commit<T>(
    label: string,
    build: (tx: Transaction) => T,
    options: CommitOptions = {},
  ): Promise<{ value: T; committed: Committed | null }> {
    const run = async () => {
      const origin = options.origin ?? 'user';
      const author = origin === 'user' ? this.author : null;
      const stamped = author ? (tx: Transaction) => stampAuthor(tx, build(tx), author) : build;
      const result = await this.store.commit({ label, origin }, stamped);
      if (result.committed) await this.publish(result.committed, options);
      return result;
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Every committed change set from now on, in commit order; returns the unsubscribe. */
  subscribe(subscriber: CommitSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  async undo(): Promise<{ label: string; state: UndoState }> {
    return this.step('undo');
  }

  async redo(): Promise<{ label: string; state: UndoState }> {
    return this.step('redo');
  }

  undoState(): UndoState {
    return this.history.state();
  }

  /** Runs before the notebook closes (sync stops and hands over what it holds), while commits still work. */
  onClose(closer: () => Promise<void>): void {
    this.closers.push(closer);
  }

  async close(): Promise<void> {
    for (const closer of this.closers.splice(0)) await closer().catch(() => undefined);
    await this.queue;
    await this.keeper.close();
    await this.store.close({ keepBodies: this.history.bodyKeys() });
  }

  private async step(which: 'undo' | 'redo'): Promise<{ label: string; state: UndoState }> {
    // Taken inside the queue, so a step always reverses what was committed last.
    const run = async () => {
      const taken = which === 'undo' ? this.history.takeUndo() : this.history.takeRedo();
      try {
        const label = `${which === 'undo' ? 'Undo' : 'Redo'}: ${taken.label}`;
        const result = await this.store.commit({ label, origin: which }, taken.apply);
        taken.done();
        if (result.committed) await this.publish(result.committed, {});
        return { label: taken.label, state: this.history.state() };
      } catch (e) {
        if ((e as { code?: string }).code !== 'CONFLICT') taken.putBack();
        throw e;
      }
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async publish(cs: Committed, options: CommitOptions): Promise<void> {
    const touchedTags = this.derived.apply(cs);
    const fresh = new Map((options.bodies ?? []).map((b) => [b.id, b]));
    await this.keeper.apply(cs, fresh);
    if (cs.origin === 'user') this.history.record(cs, options, this.now().getTime());
    this.emit('committed', this.event(cs, touchedTags));
    for (const subscriber of this.subscribers) subscriber(cs);
  }

  private event(cs: Committed, touchedTags: Set<string>): CommitEvent {
    const { store } = this;
    const articles = [];
    for (const id of this.derived.articlesTouched(cs)) {
      const record = store.get('article', id);
      if (record) articles.push(summarize(record, store.highlightsOf(id)));
    }
    const tagCounts: Record<string, number> = {};
    for (const t of touchedTags) tagCounts[t] = this.derived.tagCounts.get(t) ?? 0;
    return {
      seq: cs.seq,
      label: cs.label,
      origin: cs.origin,
      records: cs.changes.map(
        (c) => ({ kind: c.kind, id: c.id, after: c.after }) as CommitEvent['records'][number],
      ),
      articles,
      tagCounts,
      undo: this.history.state(),
      trashCount: store.list('trash').length,
    };
  }
}

/**
 * The records a person writes carry who wrote them first (`author`; an article's `importedBy`, since its `author` is
 * the article's own) and who changed them last (`updatedBy`).
 */
function stampAuthor<T>(tx: Transaction, value: T, who: string): T {
  for (const c of tx.changes()) {
    if (c.kind === 'trash' || !c.after) continue;
    if (c.kind === 'article') {
      const importedBy = c.before ? c.after.importedBy : who;
      if (c.after.updatedBy === who && c.after.importedBy === importedBy) continue;
      tx.put('article', { ...c.after, importedBy, updatedBy: who });
      continue;
    }
    const author = c.before ? (c.before.author ?? c.after.author) : who;
    if (c.after.updatedBy === who && c.after.author === author) continue;
    tx.put(c.kind, { ...c.after, author, updatedBy: who } as typeof c.after);
  }
  return value;
}
