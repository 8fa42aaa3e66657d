// A shared notebook's sync: the notebook stays the store of record; its replica (PouchDB) mirrors it record by
// record and replicates with the team's CouchDB. Local commits flow into the replica from the session's one
// subscriber hook; changes that arrive in the replica from the server become commits of origin 'remote', so
// search, counts and every open view follow them exactly as they follow local edits.
import type { NotebookSession } from '../app/session';
import type { Committed } from '../store/records';
import type { ArticleBody, ArticleRecord, Highlight, RecordKind } from '../types';
import { bodyDocId, parseRecordDocId, recordDocId, recordFromDoc, sameRecord, sourceDocId } from './docs';
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
/** Article texts moved between the notebook and the replica per write: bounds memory on a big notebook. */
const TEXTS_PER_WRITE = 200;

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
  private wantLive = false;
  private round: Promise<SyncStatus> | null = null;
  private marking: Promise<void> = Promise.resolve();
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
    await engine.loadUnsent();
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
    // The record as committed (stamped with who settled it), so the replica's version is the notebook's and the
    // settlement never comes back as a change that would refuse its undo. Queued after the commit's own replica
    // write, which this supersedes.
    const settled = chosen ? (this.session.store.get(kind, id) ?? chosen) : null;
    await this.enqueue(async () => {
      await this.replica.settle(docId, settled ? { type: 'record', kind, record: settled } : null);
      this.unsent.add(docId);
    });
    await this.idle();
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends what is waiting and takes what the server has, once; the notebook holds it all when this resolves. */
  syncOnce(): Promise<SyncStatus> {
    // One round at a time: "Sync now" pressed while live sync catches up joins that round.
    this.round ??= this.syncRound().finally(() => (this.round = null));
    return this.round;
  }

  private async syncRound(): Promise<SyncStatus> {
    await this.idle();
    this.setStatus({ state: 'syncing', waiting: this.waitingCount() });
    try {
      // Rounds until nothing was written here meanwhile (work goes on while a sync runs); live sync takes the rest.
      for (let round = 0; round < 3 && !this.closed; round++) {
        const writes = this.replica.writes;
        await this.replicate(this.local.replicate.to(this.remote, { batch_size: BATCH }));
        await this.replicate(this.local.replicate.from(this.remote, { batch_size: BATCH }));
        // What the pull wrote came from the server: the next push need not offer it back, document by document
        // (after joining a 10,000-article notebook that would be 30,000 documents asked about again).
        if (this.replica.writes === writes && !this.closed) {
          const { update_seq } = await this.local.info();
          if (this.replica.writes === writes) {
            await this.replicate(
              this.local.replicate.to(this.remote, { batch_size: BATCH, since: update_seq }),
            );
          }
        }
        await this.idle();
        if (this.replica.writes === writes) {
          await this.markSynced(writes);
          break;
        }
      }
    } catch (e) {
      if (this.closed) return this.current;
      this.setStatus(classifyFailure(e, this.waitingCount()));
      return this.current;
    }
    if (this.current.state === 'syncing') this.setStatus({ state: 'waiting', waiting: this.waitingCount() });
    return this.current;
  }

  /** Runs one replication, cancellable by close. */
  private async replicate(run: Replication): Promise<void> {
    if (this.closed) {
      run.cancel();
      return;
    }
    this.running = run;
    try {
      await run;
    } finally {
      this.running = null;
    }
  }

  /**
   * Continuous replication both ways, retried after network loss, sleep or a server restart. It starts with one
   * catch-up round (what a join or a long time offline needs is moved in bulk, not change by change).
   */
  startLive(): void {
    if (this.wantLive || this.closed) return;
    this.wantLive = true;
    // Whatever the catch-up round met (offline, a wrong password) is in the status; live sync retries from there.
    void this.syncOnce()
      .catch((e: unknown) => this.setStatus(classifyFailure(e, this.waitingCount())))
      .then(() => {
        if (this.wantLive && !this.closed && !this.live) this.beginLive();
      });
  }

  private beginLive(): void {
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
      const writes = this.replica.writes;
      void this.idle().then(() => this.markSynced(writes));
    });
    live.on('denied', (err) => this.setStatus(classifyFailure(err, this.waitingCount())));
    live.on('error', (err) => this.setStatus(classifyFailure(err, this.waitingCount())));
  }

  stopLive(): void {
    this.wantLive = false;
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
        for (const id of await this.replica.writeChanges(cs.changes)) this.unsent.add(id);
      } finally {
        for (const id of ids) {
          const n = (this.pending.get(id) ?? 1) - 1;
          if (n > 0) this.pending.set(id, n);
          else this.pending.delete(id);
        }
      }
      this.showWaiting();
    });
  }

  /** Articles' texts and original files go into the replica before the articles do, once per content hash. */
  private async putTexts(articles: readonly ArticleRecord[]): Promise<void> {
    for (let start = 0; start < articles.length; start += TEXTS_PER_WRITE) {
      const slice = articles.slice(start, start + TEXTS_PER_WRITE);
      const wanted = new Set<string>();
      for (const a of slice) {
        if (a.bodyKey) wanted.add(bodyDocId(a.bodyKey));
        wanted.add(sourceDocId(a.sourceHash));
      }
      const missing = await this.replica.missing([...wanted]);
      if (missing.size === 0) continue;
      const bodies = new Map<string, Omit<ArticleBody, 'id'>>();
      const sources = new Map<string, Uint8Array>();
      for (const a of slice) {
        const key = a.bodyKey;
        if (key && missing.has(bodyDocId(key)) && !bodies.has(key)) {
          const body = await this.session.body(a);
          bodies.set(key, { text: body.text, passages: body.passages, blocks: body.blocks });
        }
        if (missing.has(sourceDocId(a.sourceHash)) && !sources.has(a.sourceHash)) {
          // An original file is a convenience (the text is what matters): one that cannot be read stays behind.
          const bytes = await this.session.store.readSource(a.sourceHash).catch(() => null);
          if (bytes) sources.set(a.sourceHash, bytes);
        }
      }
      await this.replica.putFiles({ bodies, sources });
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
        const written = await this.replica.writeChanges(changes.slice(start, start + 500) as never);
        for (const id of written) this.unsent.add(id);
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
    const needBody: ArticleRecord[] = [];
    const needSource = new Set<string>();
    for (const article of articles) {
      const here = store.get('article', article.id);
      if (article.bodyKey && here?.bodyKey !== article.bodyKey) needBody.push(article);
      if (here?.sourceHash !== article.sourceHash) needSource.add(article.sourceHash);
    }
    for (let start = 0; start < needBody.length; start += TEXTS_PER_WRITE) {
      const slice = needBody.slice(start, start + TEXTS_PER_WRITE);
      const found = await this.replica.readBodies(slice.map((a) => a.bodyKey!));
      const owners = slice.filter((a) => found.has(a.bodyKey!));
      for (const a of slice) if (!found.has(a.bodyKey!)) incomplete.add(a.id);
      if (owners.length === 0) continue;
      const bodies = owners.map(
        (a) => JSON.parse(found.get(a.bodyKey!)!.toString('utf8')) as Omit<ArticleBody, 'id'>,
      );
      const keys = await store.writeBodies(bodies);
      keys.forEach((key, i) => {
        // A text that does not hash to the key its article names is not that article's text: it waits.
        if (key !== owners[i]!.bodyKey) incomplete.add(owners[i]!.id);
      });
    }
    const hashes = [...needSource];
    for (let start = 0; start < hashes.length; start += TEXTS_PER_WRITE) {
      const sources = await this.replica.readSources(hashes.slice(start, start + TEXTS_PER_WRITE));
      if (sources.size > 0) await store.writeSources(sources);
    }
    return incomplete;
  }

  // --- status ---

  /** Records changed here that the server has not got yet (what "3 changes waiting" counts). */
  private readonly unsent = new Set<string>();
  private lastSynced: string | null = null;

  private waitingCount(): number {
    return this.unsent.size;
  }

  /** At open: what was changed here since the last complete sync (kept across restarts by the replica). */
  private async loadUnsent(): Promise<void> {
    const pushed = await this.local.get(PUSHED_MARK).catch(() => null);
    this.lastSynced = pushed?.at ?? null;
    const since = await this.local.changes({ since: pushed?.seq ?? 0, style: 'main_only' });
    for (const r of since.results) if (parseRecordDocId(r.id)) this.unsent.add(r.id);
    this.showWaiting();
  }

  private showWaiting(): void {
    const waiting = this.waitingCount();
    if (this.current.state === 'waiting' || this.current.state === 'synced') {
      this.setStatus(waiting > 0 ? { state: 'waiting', waiting } : { state: 'synced', at: this.lastSynced });
    } else if ('waiting' in this.current && this.current.waiting !== waiting) {
      this.setStatus({ ...this.current, waiting });
    }
  }

  /**
   * Everything written here up to `writes` has reached the server. Later writes keep the count: the next round
   * sends them. Marks are written one after another (live sync and a round may both finish at once) and a mark
   * that cannot be written only leaves the count as it was: it never stops sync.
   */
  private markSynced(writes: number): Promise<void> {
    const next = this.marking.then(() => this.writeMark(writes));
    this.marking = next.catch(() => {
      if (!this.closed) this.showWaiting();
    });
    return this.marking;
  }

  private async writeMark(writes: number): Promise<void> {
    if (this.replica.writes !== writes || this.closed) {
      this.showWaiting();
      return;
    }
    const info = await this.local.info();
    const doc = await this.local.get(PUSHED_MARK).catch(() => null);
    const at = new Date().toISOString();
    await this.local.put({
      _id: PUSHED_MARK,
      ...(doc ? { _rev: doc._rev } : {}),
      type: 'mark',
      seq: info.update_seq,
      at,
    });
    if (this.replica.writes !== writes || this.closed) {
      this.showWaiting();
      return;
    }
    this.unsent.clear();
    this.lastSynced = at;
    this.setStatus({ state: 'synced', at });
  }

  private setStatus(status: SyncStatus): void {
    // Every local commit asks again; a status that did not change is not news to the windows.
    if (sameRecord(status, this.current)) return;
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
