// `npm run bench:codebook [-- --articles 10000 --highlights 20000 --tags 300 --merge-articles 400]`: issue 11's
// budgets. Retrieval and the pictures are pure functions of the codebook, the highlights and the article records,
// so they are measured on a synthetic notebook of the stated size held in memory (10,000 articles, 20,000
// highlights over 300 tags in 4 levels): the same functions the handlers call. The merge is measured end to end
// on a real notebook folder (commit written and fsync'd, derived counts and the search index updated, one undo
// step): a generated corpus of --merge-articles articles with two tags of 2,000 highlights each.
// Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiInput, ApiMethod, ApiOutputs } from '../src/main/core/api-contract';
import { makeSelectors } from '../src/main/core/annotate/selectors';
import { createServices } from '../src/main/core/app/create';
import type { Coding } from '../src/main/core/codebook/coding';
import { codeDocumentMatrix, cooccurrenceMatrix } from '../src/main/core/codebook/matrices';
import { findSegments } from '../src/main/core/codebook/segments';
import { dispatch } from '../src/main/core/dispatch';
import type { ArticleRecord, Highlight, Tag } from '../src/main/core/types';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    highlights: { type: 'string', default: '20000' },
    tags: { type: 'string', default: '300' },
    'merge-articles': { type: 'string', default: '400' },
    runs: { type: 'string', default: '50' },
  },
});
const N_ARTICLES = Number(values.articles);
const N_HIGHLIGHTS = Number(values.highlights);
const N_TAGS = Number(values.tags);
const RUNS = Number(values.runs);
const repo = resolve(import.meta.dirname, '..');
const BUDGET = { segmentsP95: 50, matrix: 200, merge: 500 };

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number): string => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const row = (figure: string, x: number, budget: number): string =>
  `| ${figure} | ${ms(x)} | ≤ ${budget} ms | ${x <= budget ? '✓' : '✗'} |`;
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same notebook. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 300 tags in 4 levels (6 × 5 × 4 × 2 with the remainder at the leaves), 10,000 articles, 20,000 highlights. */
function syntheticCoding(): Coding {
  const rnd = random(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const tags: Tag[] = [];
  const make = (parentId: string | null, i: number): Tag => {
    const t: Tag = {
      id: `t${tags.length}`,
      name: `code ${tags.length}`,
      parentId,
      description: '',
      order: i,
      color: '#1c7ed6',
      memo: '',
      createdAt: '2026-01-01T00:00:00Z',
    };
    tags.push(t);
    return t;
  };
  const fanout = [6, 5, 4];
  let level: (string | null)[] = [null];
  for (const f of fanout) level = level.flatMap((p) => Array.from({ length: f }, (_, i) => make(p, i).id));
  const leaves = level.filter((x): x is string => x !== null);
  while (tags.length < N_TAGS) make(pick(leaves), tags.length);
  const sources = Array.from({ length: 40 }, (_, i) => `Outlet ${i}`);
  const articles: ArticleRecord[] = Array.from({ length: N_ARTICLES }, (_, i) => ({
    id: `a${i}`,
    title: `Article ${i}`,
    author: `Author ${i % 300}`,
    published:
      rnd() < 0.9
        ? `${2010 + Math.floor(rnd() * 12)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`
        : null,
    source: pick(sources),
    url: null,
    language: 'en',
    format: 'txt',
    file: `${i}.txt`,
    sourceHash: '0'.repeat(64),
    textHash: `h${i}`,
    words: 800,
    passageCount: 20,
    importedAt: '2026-01-01T00:00:00Z',
  }));
  const highlights: Highlight[] = Array.from({ length: N_HIGHLIGHTS }, (_, i) => {
    const start = Math.floor(rnd() * 4000);
    const ids = [pick(tags).id, ...(rnd() < 0.3 ? [pick(tags).id] : [])];
    return {
      id: `h${i}`,
      articleId: `a${Math.floor(rnd() * N_ARTICLES)}`,
      passageId: 'p',
      tagIds: [...new Set(ids)],
      position: { start, end: start + 40 + Math.floor(rnd() * 400) },
      quote: { exact: 'x', prefix: '', suffix: '' },
      memo: rnd() < 0.1 ? 'a memo about the junta' : '',
      createdAt: '2026-01-01T00:00:00Z',
      orphaned: false,
    };
  });
  const byId = new Map(articles.map((a) => [a.id, a]));
  return { tags, highlights, article: (id) => byId.get(id) };
}

function retrieval(): string[] {
  const coding = syntheticCoding();
  const top = coding.tags.filter((t) => t.parentId === null).map((t) => t.id);
  const mid = coding.tags.filter((t) => t.parentId !== null && top.includes(t.parentId)).map((t) => t.id);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < RUNS; i++) {
    const [r, t] = time(() =>
      findSegments(coding, {
        anyOf: [top[i % top.length] ?? '', mid[(i * 7) % mid.length] ?? ''],
        overlap: { a: [top[(i + 1) % top.length] ?? ''], b: [top[(i + 2) % top.length] ?? ''] },
        includeChildren: true,
        filter: { from: '2012', to: '2019-06' },
      }),
    );
    found += r.length;
    times.push(t);
  }
  const matrixTimes: number[] = [];
  const coocTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    matrixTimes.push(time(() => codeDocumentMatrix(coding, { by: 'source', includeChildren: true }))[1]);
    coocTimes.push(time(() => cooccurrenceMatrix(coding, { includeChildren: true }))[1]);
  }
  console.log(
    `retrieval on ${N_ARTICLES.toLocaleString('en')} articles, ${N_HIGHLIGHTS.toLocaleString('en')} highlights, ` +
      `${coding.tags.length} tags in 4 levels (${RUNS} queries, ${Math.round(found / RUNS)} segments each on average)`,
  );
  return [
    row('coded-segments query (3 tags, one overlap, a date filter), p95', pct(times, 95), BUDGET.segmentsP95),
    row(
      `code × source matrix (${coding.tags.length} rows), slowest of 5`,
      Math.max(...matrixTimes),
      BUDGET.matrix,
    ),
    row(
      `co-occurrence matrix (${coding.tags.length} × ${coding.tags.length}), slowest of 5`,
      Math.max(...coocTimes),
      BUDGET.matrix,
    ),
  ];
}

async function merge(): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'quire-bench-codebook-'));
  try {
    const corpus = join(root, 'corpus');
    const n = Number(values['merge-articles']);
    execFileSync(process.execPath, [
      resolve(repo, '../shared/tools/gen-corpus.mjs'),
      '--out',
      corpus,
      '--n',
      String(n),
    ]);
    const services = createServices({ appVersion: 'bench', userDataDir: join(root, 'user') });
    const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
      const r = await dispatch(services.api, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as ApiOutputs[M];
    };
    await services.core.open(join(root, 'notebook'), { create: true });
    await call('importPaths', { paths: [corpus] });
    const a = await call('tagCreate', { name: 'Actors' });
    const b = await call('tagCreate', { name: 'Agents' });
    // 2,000 highlights per tag on the corpus's passages, seeded in one commit (as an import would).
    const session = services.core.writable();
    const spans: Omit<Highlight, 'id' | 'tagIds'>[] = [];
    for (const record of session.store.list('article')) {
      const body = await session.body(record);
      for (const p of body.passages) {
        if (p.end - p.start < 20) continue;
        spans.push({
          articleId: record.id,
          passageId: p.id,
          ...makeSelectors(body.text, p.start, p.end),
          memo: '',
          createdAt: '2026-01-01T00:00:00Z',
          orphaned: false,
        });
      }
    }
    if (spans.length < 4000) throw new Error(`only ${spans.length} passages: raise --merge-articles`);
    await session.commit('Seed the bench', (tx) => {
      spans
        .slice(0, 4000)
        .forEach((s, i) =>
          tx.put('highlight', { ...s, id: `bench-h${i}`, tagIds: [i < 2000 ? a.id : b.id] }),
        );
    });
    const t = performance.now();
    const r = await call('tagMerge', { ids: [b.id], into: a.id });
    const took = performance.now() - t;
    const hits = await call('search', { query: 'tag:Agents', limit: 1 });
    if (r.highlightsRetagged !== 2000 || hits.total !== 0)
      throw new Error('the merge did not do what it should');
    await services.core.close();
    return [
      row(
        `merge two tags with 2,000 highlights each (${n} articles; commit, index updated)`,
        took,
        BUDGET.merge,
      ),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// Figures on a shared machine: say how busy it was, so a slow figure can be read against it.
console.log(
  `${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ')}`,
);
const lines = retrieval();
lines.push(...(await merge()));
console.log('\n| figure | measured | budget | |\n|---|---|---|---|');
for (const l of lines) console.log(l);
// The sidebar's render time needs a browser; this script does not measure it.
console.log('| tag sidebar with 300 tags renders | not measured by this script | ≤ 50 ms | |');
