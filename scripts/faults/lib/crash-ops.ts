// The writes the crash loop drives, each planned against the model: the API call to make and the state the
// notebook must be in once the server acknowledges it. Undo and redo follow the same history the server keeps.
import type { ApiMethod } from '../../../src/main/core/api-contract';
import { extractFile } from '../../../src/main/core/import/extract';
import { cloneState, type ModelArticle, type ModelState } from './crash-model';
import type { Rng, Words } from './random';

/** Bounds that keep every restart's full comparison cheap, however many rounds run. */
const MAX_NOTES = 20;
const MAX_ARTICLES = 12;
const MAX_TAGS = 24;
const MAX_HIGHLIGHTS = 30;
const MAX_TRASH = 12;

export interface Step {
  before: ModelState;
  after: ModelState;
  /** A note save (the server merges consecutive saves of one note into one step). */
  coalesce: string | null;
}

/** The server's undo history as the model knows it; it lives as long as the server process. */
export interface History {
  undo: Step[];
  redo: Step[];
}

export interface PlannedOp {
  label: string;
  method: ApiMethod;
  input: Record<string, unknown>;
  /** The notebook once the server has acknowledged this call. */
  after: ModelState;
  history: 'record' | 'undo' | 'redo';
  coalesce?: string;
  /** Server ids of the entities the call created, from its answer. */
  learn?: (value: unknown) => [string, string][];
}

/** A file to upload, with what Quire's extractor makes of it (computed in-process beforehand). */
export interface UploadArticle {
  article: ModelArticle;
  data: string;
}

export interface PlanContext {
  state: ModelState;
  history: History;
  /** Model id → server id. */
  ids: Map<string, string>;
  rng: Rng;
  words: Words;
  mid(prefix: string): string;
  newArticle(): Promise<UploadArticle>;
}

type OpName =
  | 'noteCreate'
  | 'noteUpdate'
  | 'noteRename'
  | 'noteDelete'
  | 'tagCreate'
  | 'tagUpdate'
  | 'highlightCreate'
  | 'highlightUpdate'
  | 'highlightDelete'
  | 'articleUpdateMeta'
  | 'articleDelete'
  | 'importFiles'
  | 'undo'
  | 'redo'
  | 'trashRestore'
  | 'trashEmpty';

export const articleMid = (file: string): string => `a:${file}`;

/** A small Markdown article whose title, author and two paragraphs each carry a word found nowhere else. */
export async function articleToUpload(words: Words): Promise<UploadArticle> {
  const [t, a, w1, w2] = [words.next(), words.next(), words.next(), words.next()];
  const file = `a-${t}.md`;
  const md =
    `---\ntitle: Article ${t}\nauthor: Ann ${a}\n---\n\n` +
    `The first paragraph reports on ${w1} at some length, with enough plain words around it to read as a ` +
    `paragraph of a real article about the matter.\n\nA second paragraph adds ${w2} and a few more ` +
    `sentences, so that passages can be selected, tagged and given memos.\n`;
  const bytes = new TextEncoder().encode(md);
  // What the server's extractor will make of it, worked out the same way beforehand.
  const e = await extractFile(bytes, file);
  return {
    data: Buffer.from(bytes).toString('base64'),
    article: {
      file,
      title: e.title,
      author: e.author,
      text: e.text,
      passages: e.passages.map(({ start, end }) => ({ start, end })),
    },
  };
}

/** Picks a write that makes sense in the current state and plans it; null when nothing fits (rare). */
export async function planOp(ctx: PlanContext): Promise<PlannedOp | null> {
  const { state, history, ids, rng } = ctx;
  const known = <T>(m: Map<string, T>) => [...m.keys()].filter((k) => ids.has(k));
  const notes = known(state.notes);
  const top = history.undo.at(-1);
  const updatable = notes.filter((n) => top?.coalesce !== n);
  const articles = known(state.articles);
  const tags = known(state.tags);
  const highlights = known(state.highlights);
  const trash = known(state.trash);
  const weights: Record<OpName, number> = {
    noteCreate: state.notes.size < MAX_NOTES ? 10 : 0,
    noteUpdate: updatable.length ? 18 : 0,
    noteRename: notes.length ? 6 : 0,
    noteDelete: notes.length ? (state.notes.size >= MAX_NOTES ? 12 : 4) : 0,
    tagCreate: state.tags.size < MAX_TAGS ? 4 : 0,
    tagUpdate: tags.length ? 6 : 0,
    highlightCreate: articles.length && state.highlights.size < MAX_HIGHLIGHTS ? 12 : 0,
    highlightUpdate: highlights.length ? 8 : 0,
    highlightDelete: highlights.length ? (state.highlights.size >= MAX_HIGHLIGHTS ? 8 : 2) : 0,
    articleUpdateMeta: articles.length ? 10 : 0,
    articleDelete: articles.length > 2 ? (state.articles.size >= MAX_ARTICLES ? 8 : 2) : 0,
    importFiles: state.articles.size < MAX_ARTICLES ? 5 : 0,
    undo: history.undo.length ? 6 : 0,
    redo: history.redo.length ? 5 : 0,
    trashRestore: trash.length ? 4 : 0,
    trashEmpty: state.trash.size >= MAX_TRASH ? 6 : 0,
  };
  const name = rng.weighted(weights);
  if (!name) return null;
  const after = cloneState(state);
  const id = (mid: string) => ids.get(mid) ?? '';
  const word = () => ctx.words.next();

  switch (name) {
    case 'noteCreate': {
      const mid = ctx.mid('n');
      const note = { title: `Note ${word()}`, body: `Notes on ${word()}.\n\nMore to follow.` };
      after.notes.set(mid, note);
      return {
        label: `noteCreate “${note.title}”`,
        method: 'noteCreate',
        input: note,
        after,
        history: 'record',
        learn: (v) => [[mid, (v as { id: string }).id]],
      };
    }
    case 'noteUpdate': {
      const mid = pick(rng, updatable);
      const note = after.notes.get(mid);
      if (!note) return null;
      note.body = `Revised: ${word()}.\n\nStill thinking about it.`;
      return {
        label: `noteUpdate “${note.title}”`,
        method: 'noteUpdate',
        input: { id: id(mid), body: note.body },
        after,
        history: 'record',
        coalesce: mid,
      };
    }
    case 'noteRename': {
      const mid = pick(rng, notes);
      const note = after.notes.get(mid);
      if (!note) return null;
      const old = note.title;
      note.title = `Note ${word()}`;
      return {
        label: `noteRename “${old}” → “${note.title}”`,
        method: 'noteRename',
        input: { id: id(mid), title: note.title },
        after,
        history: 'record',
      };
    }
    case 'noteDelete': {
      const mid = pick(rng, notes);
      const note = after.notes.get(mid);
      if (!note) return null;
      after.notes.delete(mid);
      after.trash.set(mid, { kind: 'note', title: note.title, note });
      return {
        label: `noteDelete “${note.title}”`,
        method: 'noteDelete',
        input: { id: id(mid) },
        after,
        history: 'record',
      };
    }
    case 'tagCreate': {
      const mid = ctx.mid('t');
      const name = `tag-${word()}`;
      after.tags.set(mid, { name });
      return {
        label: `tagCreate ${name}`,
        method: 'tagCreate',
        input: { name },
        after,
        history: 'record',
        learn: (v) => [[mid, (v as { id: string }).id]],
      };
    }
    case 'tagUpdate': {
      const mid = pick(rng, tags);
      const tag = after.tags.get(mid);
      if (!tag) return null;
      const old = tag.name;
      tag.name = `tag-${word()}`;
      return {
        label: `tagUpdate ${old} → ${tag.name}`,
        method: 'tagUpdate',
        input: { id: id(mid), name: tag.name },
        after,
        history: 'record',
      };
    }
    case 'highlightCreate': {
      const articleMidPicked = pick(rng, articles);
      const article = after.articles.get(articleMidPicked);
      const range = article ? freeRange(rng, after, articleMidPicked, article) : null;
      if (!article || !range) return null;
      const hmid = ctx.mid('h');
      const tagMids: string[] = [];
      const tagNames: string[] = [];
      let newTag: string | null = null;
      const roll = rng.next();
      if (roll < 0.45 && after.tags.size < MAX_TAGS) {
        newTag = ctx.mid('t');
        const name = `tag-${word()}`;
        after.tags.set(newTag, { name });
        tagMids.push(newTag);
        tagNames.push(name);
      } else if (roll < 0.8 && after.tags.size > 0) {
        const t = pick(rng, [...after.tags.keys()]);
        tagMids.push(t);
        tagNames.push(after.tags.get(t)?.name ?? '');
      }
      after.highlights.set(hmid, { article: articleMidPicked, ...range, memo: '', tags: tagMids });
      const knownTagIds = new Set(ids.values());
      return {
        label: `highlightCreate ${range.start}–${range.end} on “${article.title}” ${tagNames.join(',')}`,
        method: 'highlightCreate',
        input: { articleId: id(articleMidPicked), start: range.start, end: range.end, tagNames },
        after,
        history: 'record',
        learn: (v) => {
          const h = v as { id: string; tagIds: string[] };
          const out: [string, string][] = [[hmid, h.id]];
          const fresh = h.tagIds.filter((t) => !knownTagIds.has(t));
          if (newTag && fresh.length === 1 && fresh[0]) out.push([newTag, fresh[0]]);
          return out;
        },
      };
    }
    case 'highlightUpdate': {
      const mid = pick(rng, highlights);
      const h = after.highlights.get(mid);
      if (!h) return null;
      h.memo = `memo ${word()}`;
      return {
        label: `highlightUpdate memo of ${mid}`,
        method: 'highlightUpdate',
        input: { id: id(mid), memo: h.memo },
        after,
        history: 'record',
      };
    }
    case 'highlightDelete': {
      const mid = pick(rng, highlights);
      after.highlights.delete(mid);
      return {
        label: `highlightDelete ${mid}`,
        method: 'highlightDelete',
        input: { id: id(mid) },
        after,
        history: 'record',
      };
    }
    case 'articleUpdateMeta': {
      const mid = pick(rng, articles);
      const article = after.articles.get(mid);
      if (!article) return null;
      article.author = `Ann ${word()}`;
      return {
        label: `articleUpdateMeta author “${article.author}” of “${article.title}”`,
        method: 'articleUpdateMeta',
        input: { id: id(mid), author: article.author },
        after,
        history: 'record',
      };
    }
    case 'articleDelete': {
      const mid = pick(rng, articles);
      const article = after.articles.get(mid);
      if (!article) return null;
      const gone = [...after.highlights].filter(([, h]) => h.article === mid);
      for (const [hmid] of gone) after.highlights.delete(hmid);
      after.articles.delete(mid);
      after.trash.set(mid, { kind: 'article', title: article.title, article, highlights: gone });
      return {
        label: `articleDelete “${article.title}”`,
        method: 'articleDelete',
        input: { id: id(mid) },
        after,
        history: 'record',
      };
    }
    case 'importFiles': {
      const uploads = [await ctx.newArticle()];
      if (rng.chance(0.4)) uploads.push(await ctx.newArticle());
      for (const u of uploads) after.articles.set(articleMid(u.article.file), u.article);
      return {
        label: `importFiles ${uploads.map((u) => u.article.file).join(', ')}`,
        method: 'importFiles',
        input: { files: uploads.map((u) => ({ name: u.article.file, data: u.data })) },
        after,
        history: 'record',
        learn: (v) =>
          (v as { imported: { id: string; file: string }[] }).imported.map((i) => [articleMid(i.file), i.id]),
      };
    }
    case 'undo': {
      const step = history.undo.at(-1);
      if (!step) return null;
      return { label: 'undo', method: 'undo', input: {}, after: cloneState(step.before), history: 'undo' };
    }
    case 'redo': {
      const step = history.redo.at(-1);
      if (!step) return null;
      return { label: 'redo', method: 'redo', input: {}, after: cloneState(step.after), history: 'redo' };
    }
    case 'trashRestore': {
      const mid = pick(rng, trash);
      const entry = after.trash.get(mid);
      if (!entry) return null;
      after.trash.delete(mid);
      if (entry.kind === 'note') {
        const taken = [...after.notes.values()].some(
          (n) => n.title.toLowerCase() === entry.title.toLowerCase(),
        );
        after.notes.set(mid, { ...entry.note, title: taken ? `${entry.title} (restored)` : entry.title });
      } else {
        after.articles.set(mid, entry.article);
        // Tags deleted meanwhile (an undone tag creation) stay off, as the server says it does.
        for (const [hmid, h] of entry.highlights)
          after.highlights.set(hmid, { ...h, tags: h.tags.filter((t) => after.tags.has(t)) });
      }
      return {
        label: `trashRestore ${entry.kind} “${entry.title}”`,
        method: 'trashRestore',
        input: { id: id(mid) },
        after,
        history: 'record',
      };
    }
    case 'trashEmpty': {
      after.trash.clear();
      return { label: 'trashEmpty', method: 'trashEmpty', input: {}, after, history: 'record' };
    }
  }
}

/** Moves the model's history the way the server moves its own when the call is acknowledged. */
export function recordInHistory(history: History, op: PlannedOp, before: ModelState): void {
  if (op.history === 'record') {
    history.redo = [];
    history.undo.push({ before, after: op.after, coalesce: op.coalesce ?? null });
  } else if (op.history === 'undo') {
    const step = history.undo.pop();
    if (step) history.redo.push(step);
  } else {
    const step = history.redo.pop();
    if (step) history.undo.push(step);
  }
}

function pick(rng: Rng, items: string[]): string {
  return rng.pick(items) ?? '';
}

/** A range inside one passage that no highlight of this article (live or in the Trash) has yet. */
function freeRange(
  rng: Rng,
  state: ModelState,
  mid: string,
  article: ModelArticle,
): { start: number; end: number } | null {
  const taken = new Set<string>();
  for (const h of state.highlights.values()) if (h.article === mid) taken.add(`${h.start}-${h.end}`);
  const trashed = state.trash.get(mid);
  if (trashed?.kind === 'article') for (const [, h] of trashed.highlights) taken.add(`${h.start}-${h.end}`);
  for (let attempt = 0; attempt < 20; attempt++) {
    const p = rng.pick(article.passages);
    if (!p || p.end - p.start < 8) continue;
    let start = rng.int(p.start, p.end - 4);
    let end = Math.min(p.end, start + rng.int(3, 40));
    // The server drops whitespace at the edges of a selection; the model does the same.
    while (start < end && /\s/.test(article.text[start] ?? '')) start++;
    while (end > start && /\s/.test(article.text[end - 1] ?? '')) end--;
    if (end <= start || taken.has(`${start}-${end}`)) continue;
    return { start, end };
  }
  return null;
}
