import { randomBytes } from 'node:crypto';

export type IdKind = 'article' | 'tag' | 'highlight' | 'note';
export type IdGenerator = (kind: IdKind) => string;
export type Clock = () => Date;

const prefixes: Record<IdKind, string> = { article: 'a', tag: 't', highlight: 'h', note: 'n' };

/** Random, URL- and file-name-safe ids with a one-letter kind prefix (e.g. `a7k2m9x4q1pz`). */
export const randomIds: IdGenerator = (kind) =>
  prefixes[kind] + randomBytes(8).readBigUInt64BE().toString(36).padStart(13, '0').slice(0, 11);

/** Deterministic ids for tests: a1, a2, t1, ... */
export function sequentialIds(): IdGenerator {
  const counters = new Map<IdKind, number>();
  return (kind) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return `${prefixes[kind]}${n}`;
  };
}

export const systemClock: Clock = () => new Date();
