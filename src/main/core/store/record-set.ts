// The notebook's records in memory: what every read answers from. Records are immutable values; a change
// replaces one. Lists are handed out as frozen arrays that stay the same object until their kind changes, so
// callers (the quick switcher's cache) can tell cheaply whether anything changed.
import type { ArticleRecord, Highlight } from '../types';
import { recordKinds, shardOf, type RecordKind, type RecordTypes } from './records';

type Maps = { [K in RecordKind]: Map<string, RecordTypes[K]> };
type Lists = { [K in RecordKind]?: readonly RecordTypes[K][] };

export const shardKey = (kind: RecordKind, shard: number): string => `${kind}-${shard}`;

export class RecordSet {
  private readonly maps: Maps = {
    article: new Map(),
    tag: new Map(),
    highlight: new Map(),
    note: new Map(),
    trash: new Map(),
  };
  private lists: Lists = {};
  /** The first stored article with a given text: later duplicates do not shadow it. */
  private readonly byTextHash = new Map<string, ArticleRecord>();
  private readonly highlightsByArticle = new Map<string, Map<string, Highlight>>();
  /** Ids per shard, so writing one shard's file does not scan the whole kind. */
  private readonly members = new Map<string, Set<string>>();

  get<K extends RecordKind>(kind: K, id: string): RecordTypes[K] | undefined {
    return this.maps[kind].get(id);
  }

  list<K extends RecordKind>(kind: K): readonly RecordTypes[K][] {
    const cached = this.lists[kind];
    if (cached) return cached;
    const fresh = Object.freeze([...this.maps[kind].values()]);
    (this.lists as Record<RecordKind, readonly unknown[]>)[kind] = fresh;
    return fresh;
  }

  size(kind: RecordKind): number {
    return this.maps[kind].size;
  }

  articleByTextHash(textHash: string): ArticleRecord | undefined {
    return this.byTextHash.get(textHash);
  }

  highlightsOf(articleId: string): Highlight[] {
    return [...(this.highlightsByArticle.get(articleId)?.values() ?? [])];
  }

  /** Records of one shard, for writing its file. */
  *inShard<K extends RecordKind>(kind: K, shard: number): Iterable<RecordTypes[K]> {
    const map = this.maps[kind];
    for (const id of this.members.get(shardKey(kind, shard)) ?? []) {
      const record = map.get(id);
      if (record) yield record;
    }
  }

  /** Puts `record` (or removes the record with `id` when null); returns the shard it lives in. */
  set<K extends RecordKind>(kind: K, id: string, record: RecordTypes[K] | null): number | null {
    const map = this.maps[kind];
    const previous = map.get(id);
    if (record) map.set(id, record);
    else map.delete(id);
    delete this.lists[kind];
    if (kind === 'article')
      this.reindexArticle(id, previous as ArticleRecord | undefined, record as ArticleRecord | null);
    if (kind === 'highlight')
      this.reindexHighlight(id, previous as Highlight | undefined, record as Highlight | null);
    const holder = record ?? previous;
    if (!holder) return null;
    const shard = shardOf(kind, holder);
    const key = shardKey(kind, shard);
    let ids = this.members.get(key);
    if (!ids) this.members.set(key, (ids = new Set()));
    if (record) ids.add(id);
    else ids.delete(id);
    return shard;
  }

  private reindexArticle(id: string, previous: ArticleRecord | undefined, next: ArticleRecord | null): void {
    if (previous && next && previous.textHash === next.textHash) {
      if (this.byTextHash.get(next.textHash)?.id === id) this.byTextHash.set(next.textHash, next);
      return;
    }
    if (previous && this.byTextHash.get(previous.textHash)?.id === id) {
      this.byTextHash.delete(previous.textHash);
      const twin = [...this.maps.article.values()].find((a) => a.textHash === previous.textHash);
      if (twin) this.byTextHash.set(twin.textHash, twin);
    }
    if (next && !this.byTextHash.has(next.textHash)) this.byTextHash.set(next.textHash, next);
  }

  private reindexHighlight(id: string, previous: Highlight | undefined, next: Highlight | null): void {
    if (previous) this.highlightsByArticle.get(previous.articleId)?.delete(id);
    if (next) {
      let forArticle = this.highlightsByArticle.get(next.articleId);
      if (!forArticle) this.highlightsByArticle.set(next.articleId, (forArticle = new Map()));
      forArticle.set(id, next);
    }
  }

  /** Every kind with every record: for tests and whole-notebook checks. */
  snapshot(): { [K in RecordKind]: RecordTypes[K][] } {
    const out = {} as { [K in RecordKind]: RecordTypes[K][] };
    for (const kind of recordKinds) (out as Record<RecordKind, unknown[]>)[kind] = [...this.list(kind)];
    return out;
  }
}
