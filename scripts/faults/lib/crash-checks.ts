// What the crash loop checks after each restart: the notebook as the API shows it, the files as they lie on disk,
// and the search answers of an index rebuilt from scratch on a copy of the same files.
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ApiMethod, SearchResponse } from '../../../src/main/core/api-contract';
import { createServices } from '../../../src/main/core/app/create';
import { dispatch } from '../../../src/main/core/dispatch';
import { Journal } from '../../../src/main/core/store/journal';
import { readNotebookFile } from '../../../src/main/core/store/notebook-file';
import { parseRecordFileName, readRecordFile, RECORDS_DIR } from '../../../src/main/core/store/record-files';
import { TEMP_PREFIX } from '../../../src/main/core/store/atomic-file';
import { QUARANTINE_DIR } from '../../../src/main/core/store/quarantine';
import type { Highlight, NotebookInfo, Note, Tag } from '../../../src/main/core/types';
import type { ArticleSummary, ArticleView, TrashItem } from '../../../src/main/core/api-contract';
import { highlightKey, type ModelState, type Probe } from './crash-model';
import type { CallOutcome } from './quire-server';

export type Caller = (method: ApiMethod, input: unknown) => Promise<CallOutcome>;

/** Calls and unwraps; anything but `{ ok: true }` is a failed check, thrown with what came back. */
export async function ask<T>(call: Caller, method: ApiMethod, input: unknown): Promise<T> {
  const outcome = await call(method, input);
  if (outcome.kind === 'envelope' && outcome.result.ok) return outcome.result.value as T;
  const what =
    outcome.kind === 'envelope' && !outcome.result.ok
      ? `${outcome.result.error.code}: ${outcome.result.error.message}`
      : JSON.stringify(outcome);
  throw new Error(`${method} ${JSON.stringify(input).slice(0, 200)} failed: ${what}`);
}

export interface Observed {
  canonical: Map<string, string>;
  info: NotebookInfo;
  notes: Note[];
  tags: Tag[];
  articles: ArticleSummary[];
  highlights: Highlight[];
  trash: TrashItem[];
}

/** The whole notebook as a researcher sees it through the API, in the model's canonical form. */
export async function observe(call: Caller): Promise<Observed> {
  const info = await ask<NotebookInfo>(call, 'notebookInfo', {});
  const list = await ask<{ id: string }[]>(call, 'noteList', {});
  const notes: Note[] = [];
  for (const n of list) notes.push((await ask<{ note: Note }>(call, 'noteGet', { id: n.id })).note);
  const tags = await ask<Tag[]>(call, 'tagList', {});
  const articles = await ask<ArticleSummary[]>(call, 'articleList', {});
  const highlights: Highlight[] = [];
  for (const a of articles)
    highlights.push(...(await ask<ArticleView>(call, 'articleGet', { id: a.id })).highlights);
  const trash = await ask<TrashItem[]>(call, 'trashList', {});

  const canonical = new Map<string, string>();
  const tagName = new Map(tags.map((t) => [t.id, t.name]));
  const articleTitle = new Map(articles.map((a) => [a.id, a.title]));
  for (const n of notes) canonical.set(`note “${n.title}”`, n.body);
  for (const a of articles) canonical.set(`article “${a.title}”`, `author=${a.author ?? '(none)'}`);
  for (const t of tags) canonical.set(`tag “${t.name}”`, '');
  for (const h of highlights) {
    const names = h.tagIds.map((t) => tagName.get(t) ?? `(missing tag ${t})`).sort();
    canonical.set(
      highlightKey(articleTitle.get(h.articleId) ?? '?', h.position.start, h.position.end),
      `memo=${h.memo} tags=${names.join(',')}`,
    );
  }
  for (const t of trash) canonical.set(`trash ${t.kind} “${t.title}”`, '');
  return { canonical, info, notes, tags, articles, highlights, trash };
}

/** Server ids of model entities, found by their natural keys (for writes whose answer was lost to a kill). */
export function learnIds(state: ModelState, seen: Observed, ids: Map<string, string>): void {
  const byTitle = new Map(seen.notes.map((n) => [n.title, n.id]));
  for (const [mid, n] of state.notes) learn(ids, mid, byTitle.get(n.title));
  const articleId = new Map(seen.articles.map((a) => [a.title, a.id]));
  for (const [mid, a] of state.articles) learn(ids, mid, articleId.get(a.title));
  const tagId = new Map(seen.tags.map((t) => [t.name, t.id]));
  for (const [mid, t] of state.tags) learn(ids, mid, tagId.get(t.name));
  const hid = new Map(
    seen.highlights.map((h) => [`${h.articleId} ${h.position.start} ${h.position.end}`, h.id]),
  );
  for (const [mid, h] of state.highlights) {
    const article = ids.get(h.article);
    if (article) learn(ids, mid, hid.get(`${article} ${h.start} ${h.end}`));
  }
  const trashId = new Map(seen.trash.map((t) => [`${t.kind} ${t.title}`, t.id]));
  for (const [mid, t] of state.trash) learn(ids, mid, trashId.get(`${t.kind} ${t.title}`));
}

function learn(ids: Map<string, string>, mid: string, id: string | undefined): void {
  if (id && !ids.has(mid)) ids.set(mid, id);
}

/**
 * The notebook folder as it lies on disk after an open: every record file and journal line intact, notebook.json
 * readable, nothing set aside in .quarantine/, no temp file of an interrupted write left behind.
 */
export async function checkFiles(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const nb = await readNotebookFile(dir);
  if (nb.kind !== 'ok') problems.push(`notebook.json is ${nb.kind}`);
  for (const name of await readdir(join(dir, RECORDS_DIR)).catch(() => [] as string[])) {
    const parsed = parseRecordFileName(name);
    if (!parsed) {
      if (!name.startsWith(TEMP_PREFIX)) problems.push(`unexpected file store/${name}`);
      continue;
    }
    const read = readRecordFile(parsed.kind, await readFile(join(dir, RECORDS_DIR, name), 'utf8'));
    if (read.broken) problems.push(`store/${name} is damaged (${read.damaged} damaged records)`);
  }
  const { damage } = await Journal.open(dir, { readOnly: true });
  for (const d of damage) problems.push(`journal ${basename(d.file)} line ${d.line}: ${d.why}`);
  for (const name of await readdir(join(dir, 'journal')).catch(() => [] as string[])) {
    const text = await readFile(join(dir, 'journal', name), 'utf8');
    if (text !== '' && !text.endsWith('\n')) problems.push(`journal/${name} ends in an unfinished line`);
  }
  const quarantined = await readdir(join(dir, QUARANTINE_DIR)).catch(() => [] as string[]);
  if (quarantined.length > 0) problems.push(`.quarantine/ holds ${quarantined.join(', ')}`);
  for (const temp of await tempFiles(dir)) problems.push(`temp file left behind: ${temp}`);
  return problems;
}

async function tempFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, rel), { withFileTypes: true }).catch(() => [])) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith(TEMP_PREFIX)) out.push(path);
    else if (entry.isDirectory()) out.push(...(await tempFiles(dir, path)));
  }
  return out;
}

/** A copy of the notebook without its search-index cache (and without the dead server's lock). */
export async function copyWithoutIndex(dir: string, to: string): Promise<void> {
  await cp(dir, to, {
    recursive: true,
    filter: (src) => basename(src) !== 'search-index.bin' && basename(src) !== '.lock',
  });
}

/** Group keys (`note:<id>`, `article:<id>`) a search answered with. */
export function answerOf(response: SearchResponse): Set<string> {
  return new Set(response.groups.map((g) => `${g.kind}:${g.id}`));
}

/** Opens the copy in-process (the index is rebuilt from the stored texts) and asks every probe. */
export async function freshAnswers(copy: string, probes: Probe[]): Promise<Map<string, Set<string>>> {
  const services = createServices({ appVersion: '0.0.0-faults', userDataDir: `${copy}-user-data` });
  const out = new Map<string, Set<string>>();
  try {
    await services.core.open(copy, { create: false });
    for (const p of probes) {
      const r = await dispatch(services.api, 'search', { query: p.query, limit: 1000 });
      if (!r.ok) throw new Error(`fresh index: search ${p.query} failed: ${r.error.message}`);
      out.set(p.key, answerOf(r.value));
    }
  } finally {
    await services.core.close();
    await rm(copy, { recursive: true, force: true });
    await rm(`${copy}-user-data`, { recursive: true, force: true });
  }
  return out;
}
