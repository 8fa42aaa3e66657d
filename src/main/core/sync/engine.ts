// A shared notebook's sync: the notebook stays the store of record; its replica (PouchDB) mirrors it record by
// record and replicates with the team's CouchDB. Local commits flow into the replica from the session's one
// subscriber hook; changes that arrive in the replica from the server become commits of origin 'remote', so
// search, counts and every open view follow them exactly as they follow local edits.
import type { NotebookSession } from '../app/session';
import type { Committed } from '../store/records';
import type { ArticleBody, ArticleRecord, Highlight, RecordKind } from '../types';
import { parseRecordDocId, recordDocId, recordFromDoc, sameRecord } from './docs';
import {
  openLocalDb,
  openRemoteDb,
  type ChangesFeed,
  type Db,
  type FeedChange,
  type LiveSync,
  type Replication,
} from './pouch';
import { Replica } from './replica';
import { describeConflict, isUnsettled, type Conflict } from './conflicts';
import { settleTagCollisions } from './tag-collisions';
import { QuireError } from '../errors';
import { classifyFailure, type SyncStatus } from './status';
import { readSyncState, syncPaths, writeSyncState, type SyncConfig, type SyncState } from './sync-files';
import type { Credentials } from './credentials';
import { databaseUrl } from './remote-url';

/** How far the replica had been sent when last synced: a local document, never replicated. */
const PUSHED_MARK = '_local/quire-pushed';
/** Documents per replication request: larger than PouchDB's 100, so joining a big notebook takes fewer rounds. */
const BATCH = 500;

type StatusListener = (status: SyncStatus) => void;

interface Arrived {
  docId: string;
  kind: RecordKind;
  id: string;
  record: unknown;
}

export class SyncEngine {
  readonly replica: Replica;
  private readonly remote: Db;
  private queue: Promise<unknown> = Promise.resolve();
  /** Records with local changes on their way into the replica: an arriving version must not overwrite them. */
  private readonly pending = new Map<string, number>();
  /** Record documents held back until what they point at (an article's text, a highlight's article) arrives. */
  private readonly waiting = new Set<string>();
  private readonly conflicts: Set<string>;
  private feed: ChangesFeed | null = null;
  private buffered: FeedChange[] = [];
  private flushScheduled = false;
  private live: LiveSync | null = null;
  /** A one-off replication under way (cancelled when the notebook closes). */
  private running: Replication | null = null;
  private current: SyncStatus = { state: 'waiting', waiting: 0 };
  private readonly listeners = new Set<StatusListener>();
  private readonly unsubscribe: () => void;
  private closed = false;

  private constructor(
    private readonly session: NotebookSession,
    readonly config: SyncConfig,
    credentials: Credentials | null,
    private readonly local: Db,
    private state: SyncState,
  ) {
    this.replica = new Replica(local);
    this.remote = openRemoteDb(databaseUrl(config), credentials);
    this.conflicts = new Set(state.conflicts);
    session.author = config.author;
    this.unsubscribe = session.subscribe((cs) => this.committed(cs));
    session.onClose(() => this.close());
  }

  /** Opens the replica and brings it and the notebook level with each other (nothing is sent anywhere yet). */
  static async open(
    session: NotebookSession,
    config: SyncConfig,
    credentials: Credentials | null,
  ): Promise<SyncEngine> {
    const dir = session.store.dir;
    const local = openLocalDb(syncPaths(dir).replica);
    const engine = new SyncEngine(session, config, credentials, local, await readSyncState(dir));
    await engine.enqueue(() => engine.reconcile());
    engine.follow();
    await engine.refreshWaiting();
    return engine;
  }

  get status(): SyncStatus {
    return this.current;
  }

  /** Records whose replica holds more than one version (shown in the Conflicts view). */
  conflictIds(): string[] {
    return [...this.conflicts].sort();
  }

  /** Every unsettled conflict, with all its versions. */
  async listConflicts(): Promise<Conflict[]> {
    await this.idle();
    const out: Conflict[] = [];
    for (const docId of this.conflictIds()) {
      const conflict = await describeConflict(this.replica, docId);
      if (conflict) out.push(conflict);
      else this.conflicts.delete(docId);
    }
    return out;
  }

  /**
   * Settles a conflict with the version the researcher chose or merged (`record`; null keeps it deleted): one
   * undoable change here, and the other versions closed in the replica, on every machine once synced.
   */
  async settle(docId: string, record: unknown): Promise<void> {
    const conflict = await describeConflict(this.replica, docId);
    if (!conflict) {
      throw new QuireError('NOT_FOUND', 'That conflict is already settled (perhaps on another machine).');
    }
    const { kind, id } = conflict;
    const chosen = record === null ? null : recordFromDoc(kind, id, { record });
    if (record !== null && !chosen) {
      throw new QuireError('BAD_INPUT', `That is not a valid ${kind}; nothing was changed.`);
    }
    await this.session.commit(`Settle the conflict in “${conflict.title}”`, (tx) => {
      if (chosen) tx.put(kind, chosen as never);
      else tx.remove(kind, id);
    });
    // Queued after the commit's own replica write, which this supersedes.
    await this.enqueue(() =>
      this.replica.settle(docId, chosen ? { type: 'record', kind, record: chosen } : null),
    );
    await this.idle();
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends what is waiting and takes what the server has, once; the notebook holds it all when this resolves. */
  async syncOnce(): Promise<SyncStatus> {
    await this.idle();
    this.setStatus({ state: 'syncing', waiting: this.current.state === 'synced' ? 0 : this.waitingCount() });
    try {
      for (const direction of ['to', 'from'] as const) {
        if (this.closed) return this.current;
        const run =
          direction === 'to'
            ? this.local.replicate.to(this.remote, { batch_size: BATCH })
            : this.local.replicate.from(this.remote, { batch_size: BATCH });
        this.running = run;
        try {
          await run;
        } finally {
          this.running = null;
        }
      }
    } catch (e) {
      if (this.closed) return this.current;
      await this.refreshWaiting();
      this.setStatus(classifyFailure(e, this.waitingCount()));
      return this.current;
    }
    if (this.closed) return this.current;
    await this.idle();
    await this.markSynced();
    return this.current;
  }

  /** Continuous replication both ways, retried after network loss, sleep or a server restart. */
  startLive(): void {
    if (this.live) return;
    const live = this.local.sync(this.remote, {
      live: true,
      retry: true,
      back_off_function: (delay) => (delay === 0 ? 500 : Math.min(delay * 2, 30_000)),
    });
    this.live = live;
    live.on('active', () => this.setStatus({ state: 'syncing', waiting: this.waitingCount() }));
    live.on('paused', (err) => {
      if (err) {
        this.setStatus(classifyFailure(err, this.waitingCount()));
        return;
      }
      void this.idle().then(() => this.markSynced());
    });
    live.on('denied', (err) => this.setStatus(classifyFailure(err, this.waitingCount())));
    live.on('error', (err) => this.setStatus(classifyFailure(err, this.waitingCount())));
  }

  stopLive(): void {
    this.live?.cancel();
    this.live = null;
  }

  /** Resolves once every local commit is in the replica and every arrived change is in the notebook. */
  async idle(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      if (this.flushScheduled || this.buffered.length > 0) {
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      if (q === this.queue) return;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopLive();
    const running = this.running;
    running?.cancel();
    await running?.catch(() => undefined);
    this.unsubscribe();
    await this.idle();
    this.feed?.cancel();
    if (this.session.author === this.config.author) this.session.author = null;
    await this.local.close();
    await this.remote.close();
  }

  // --- the notebook -> replica direction ---

  private committed(cs: Committed): void {
    if (cs.origin === 'remote' || this.closed) return;
    const ids = cs.changes.map((c) => recordDocId(c.kind, c.id));
    for (const id of ids) this.pending.set(id, (this.pending.get(id) ?? 0) + 1);
    void this.enqueue(async () => {
      try {
        await this.putTexts(cs.changes.flatMap((c) => (c.kind === 'article' && c.after ? [c.after] : [])));
        await this.replica.writeChanges(cs.changes);
      } finally {
        for (const id of ids) {
          const n = (this.pending.get(id) ?? 1) - 1;
          if (n > 0) this.pending.set(id, n);
          else this.pending.delete(id);
        }
      }
      if (this.current.state !== 'syncing' || !this.live) await this.refreshWaiting();
    });
  }

  /** Articles' texts and original files go into the replica before the articles do, once per content hash. */
  private async putTexts(articles: readonly ArticleRecord[]): Promise<void> {
    for (const a of articles) {
      const key = a.bodyKey;
      if (key && !(await this.replica.hasDoc(`body:${key}`))) {
        const body = await this.session.body(a);
        await this.replica.putBody(key, { text: body.text, passages: body.passages, blocks: body.blocks });
      }
      if (!(await this.replica.hasDoc(`source:${a.sourceHash}`))) {
        const bytes = await this.session.store.readSource(a.sourceHash).catch(() => null);
        if (bytes) await this.replica.putSource(a.sourceHash, bytes);
      }
    }
  }

  /**
   * At open: records changed while sync was not running (a CLI import, a crash before the replica write) go into
   * the replica; versions that arrived in the replica but never reached the notebook follow through the feed.
   */
  private async reconcile(): Promise<void> {
    const { store } = this.session;
    const unapplied = new Set<string>();
    const since = await this.local.changes({ since: this.state.appliedSeq, style: 'main_only' });
    for (const r of since.results) unapplied.add(r.id);
    const kinds: RecordKind[] = ['tag', 'article', 'note', 'highlight', 'trash'];
    for (const kind of kinds) {
      const records = store.list(kind);
      const ids = records.map((r) => recordDocId(kind, r.id));
      const changes: { kind: RecordKind; id: string; before: unknown; after: unknown }[] = [];
      for (let start = 0; start < ids.length; start += 500) {
        const { rows } = await this.local.allDocs({
          keys: ids.slice(start, start + 500),
          include_docs: true,
        });
        rows.forEach((row, i) => {
          const record = records[start + i]!;
          const doc = row.doc && !row.value?.deleted ? row.doc : null;
          if (sameRecord(doc?.record ?? null, record)) return;
          // A version arrived that the notebook has not taken yet: the feed brings it, and a conflict keeps both.
          if (doc && unapplied.has(row.key)) return;
          changes.push({ kind, id: record.id, before: doc?.record ?? null, after: record });
        });
      }
      if (kind === 'article') await this.putTexts(changes.map((c) => c.after as ArticleRecord));
      for (let start = 0; start < changes.length; start += 500) {
        await this.replica.writeChanges(changes.slice(start, start + 500) as never);
      }
    }
  }

  // --- the replica -> notebook direction ---

  private follow(): void {
    this.feed = this.local
      .changes({ since: this.state.appliedSeq, live: true, style: 'all_docs' })
      .on('change', (change) => {
        this.buffered.push(change);
        if (this.flushScheduled) return;
        this.flushScheduled = true;
        setTimeout(() => {
          this.flushScheduled = false;
          const batch = this.buffered;
          this.buffered = [];
          void this.enqueue(() => this.apply(batch));
        }, 10);
      });
  }

  private async apply(batch: FeedChange[]): Promise<void> {
    if (batch.length === 0 || this.closed) return;
    const latest = new Map<string, FeedChange>();
    for (const change of batch) latest.set(change.id, change);
    let textsArrived = false;
    const named: { kind: RecordKind; id: string; docId: string }[] = [];
    for (const change of latest.values()) {
      if (change.id.startsWith('body:') || change.id.startsWith('source:')) {
        textsArrived = true;
        continue;
      }
      const name = parseRecordDocId(change.id);
      if (!name) continue;
      if (change.changes.length > 1 && isUnsettled(await this.replica.leaves(change.id))) {
        this.conflicts.add(change.id);
      } else this.conflicts.delete(change.id);
      named.push({ ...name, docId: change.id });
      this.waiting.delete(change.id);
    }
    // The replica as it is now, not as the event saw it: a local change written since must not be undone by the
    // older version the event carried.
    const arrived: Arrived[] = [];
    if (named.length > 0) {
      const { rows } = await this.local.allDocs({ keys: named.map((n) => n.docId), include_docs: true });
      rows.forEach((row, i) => {
        const record = row.value && !row.value.deleted ? (row.doc?.record ?? null) : null;
        arrived.push({ ...named[i]!, record });
      });
    }
    if (textsArrived || arrived.length > 0) arrived.push(...(await this.takeWaiting(latest)));
    await settleTagCollisions(this.replica, this.session.store, arrived);
    const ready = await this.readyToCommit(arrived);
    if (ready.length > 0) {
      await this.session.commit(
        remoteLabel(ready),
        (tx) => {
          for (const a of ready) {
            if (this.pending.has(a.docId)) continue;
            const current = tx.get(a.kind, a.id) ?? null;
            if (sameRecord(current, a.record)) continue;
            if (a.record === null) tx.remove(a.kind, a.id);
            else tx.put(a.kind, a.record as never);
          }
        },
        { origin: 'remote' },
      );
    }
    this.state = { appliedSeq: batch[batch.length - 1]!.seq, conflicts: [...this.conflicts] };
    await writeSyncState(this.session.store.dir, this.state);
  }

  /** Held-back records whose newest version is not in this batch, read again from the replica. */
  private async takeWaiting(inBatch: ReadonlyMap<string, FeedChange>): Promise<Arrived[]> {
    const out: Arrived[] = [];
    for (const docId of [...this.waiting]) {
      if (inBatch.has(docId)) continue;
      const named = parseRecordDocId(docId);
      if (!named) continue;
      const doc = await this.local.get(docId).catch(() => null);
      out.push({ ...named, docId, record: doc?.record ?? null });
      this.waiting.delete(docId);
    }
    return out;
  }

  /**
   * Validates arrivals and fetches what articles point at. Articles whose text has not arrived yet, and highlights
   * whose article is not there yet, wait (they are committed when it comes); nothing invalid is ever committed.
   */
  private async readyToCommit(arrived: Arrived[]): Promise<Arrived[]> {
    const { store } = this.session;
    const ready: Arrived[] = [];
    const articlesHere = new Set<string>();
    const order: Record<RecordKind, number> = { tag: 0, article: 1, note: 2, highlight: 3, trash: 4 };
    arrived.sort((a, b) => order[a.kind] - order[b.kind]);
    const valid: Arrived[] = [];
    for (const a of arrived) {
      if (a.record === null) {
        valid.push(a);
        continue;
      }
      const record = recordFromDoc(a.kind, a.id, { record: a.record });
      // Not a record Quire could read back: left in the replica, never in the notebook.
      if (record) valid.push({ ...a, record });
    }
    const incomplete = await this.fetchTexts(
      valid.flatMap((a) => (a.kind === 'article' && a.record ? [a.record as ArticleRecord] : [])),
    );
    for (const a of valid) {
      if (a.record !== null && a.kind === 'article') {
        if (incomplete.has(a.id)) {
          this.waiting.add(a.docId);
          continue;
        }
        articlesHere.add(a.id);
      }
      if (a.record !== null && a.kind === 'highlight') {
        const articleId = (a.record as Highlight).articleId;
        if (!articlesHere.has(articleId) && !store.get('article', articleId)) {
          this.waiting.add(a.docId);
          continue;
        }
      }
      ready.push(a);
    }
    return ready;
  }

  /**
   * Stores the texts and original files arriving articles point at, all of a batch in one write. Returns the
   * articles whose text has not arrived yet (they wait; an original file is a convenience, not required).
   */
  private async fetchTexts(articles: readonly ArticleRecord[]): Promise<Set<string>> {
    const { store } = this.session;
    const incomplete = new Set<string>();
    const bodies: Omit<ArticleBody, 'id'>[] = [];
    const bodyOwners: ArticleRecord[] = [];
    const sources = new Map<string, Uint8Array>();
    for (const article of articles) {
      const here = store.get('article', article.id);
      if (article.bodyKey && here?.bodyKey !== article.bodyKey) {
        const bytes = await this.replica.readBody(article.bodyKey);
        if (!bytes) {
          incomplete.add(article.id);
          continue;
        }
        bodies.push(JSON.parse(bytes.toString('utf8')) as Omit<ArticleBody, 'id'>);
        bodyOwners.push(article);
      }
      if (here?.sourceHash !== article.sourceHash && !sources.has(article.sourceHash)) {
        const bytes = await this.replica.readSource(article.sourceHash);
        if (bytes) sources.set(article.sourceHash, bytes);
      }
    }
    const keys = bodies.length > 0 ? await store.writeBodies(bodies) : [];
    keys.forEach((key, i) => {
      // A text that does not hash to the key its article names is not that article's text: it waits.
      if (key !== bodyOwners[i]!.bodyKey) incomplete.add(bodyOwners[i]!.id);
    });
    if (sources.size > 0) await store.writeSources(sources);
    return incomplete;
  }

  // --- status ---

  private pushedSeq: number | string = 0;
  private localSeq: number | string = 0;

  private waitingCount(): number {
    const n = Number(this.localSeq) - Number(this.pushedSeq);
    return Number.isFinite(n) && n > 0 ? n : 0;
  }

  private async refreshWaiting(): Promise<void> {
    const pushed = await this.local.get(PUSHED_MARK).catch(() => null);
    this.pushedSeq = pushed?.seq ?? 0;
    // Every write to the replica since the last sync: what this machine has that the server may not.
    this.localSeq = (await this.local.info()).update_seq;
    if (this.current.state === 'waiting' || this.current.state === 'synced') {
      const waiting = this.waitingCount();
      const at = this.current.state === 'synced' ? this.current.at : null;
      this.setStatus(
        waiting > 0 ? { state: 'waiting', waiting } : { state: 'synced', at: at ?? pushed?.at ?? null },
      );
    } else if ('waiting' in this.current) {
      this.setStatus({ ...this.current, waiting: this.waitingCount() });
    }
  }

  private async markSynced(): Promise<void> {
    const info = await this.local.info();
    const doc = await this.local.get(PUSHED_MARK).catch(() => null);
    await this.local.put({
      _id: PUSHED_MARK,
      ...(doc ? { _rev: doc._rev } : {}),
      type: 'mark',
      seq: info.update_seq,
    });
    this.pushedSeq = this.localSeq = info.update_seq;
    this.setStatus({ state: 'synced', at: new Date().toISOString() });
  }

  private setStatus(status: SyncStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener(status);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function remoteLabel(arrived: readonly Arrived[]): string {
  const who = new Set<string>();
  for (const a of arrived) {
    const by = (a.record as { updatedBy?: unknown } | null)?.updatedBy;
    if (typeof by === 'string') who.add(by);
  }
  const names = [...who].sort();
  if (names.length === 0) return 'Changes from the team';
  if (names.length <= 2) return `Changes from ${names.join(' and ')}`;
  return `Changes from ${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}
