// Runs the property test's operations against a real notebook through the API, exactly as a transport calls it.
// Positions name records in the notebook's current lists; an operation that names nothing (no articles yet) is
// skipped. The errors a researcher can meet (a name taken, an empty selection, nothing to undo) are outcomes,
// logged like successes; anything else fails the run.
import type { ApiInput, ApiMethod, ApiOutputs } from '../../../../src/main/core/api-contract';
import type { TestNotebook } from '../../../helpers/notebook';
import { describeOp, type BodyPart, type FileSpec, type Op } from './ops';

/** Outcomes a researcher can meet in normal use (IMPORT_BUSY: two imports sent at once); anything else is a bug. */
const expectedCodes = new Set(['CONFLICT', 'BAD_INPUT', 'NOT_FOUND', 'IMPORT_BUSY']);

export class Runner {
  /** One line per operation and its outcome: printed with a failing check. */
  readonly log: string[] = [];
  private files = 0;

  constructor(private readonly nb: TestNotebook) {}

  private get store() {
    return this.nb.core.session().store;
  }

  async run(o: Op): Promise<void> {
    if (o.kind === 'together') {
      const at = this.log.length;
      this.log.push(`together:`);
      await Promise.all(o.ops.map((x) => this.run(x)));
      this.log[at] = `together (${this.log.length - at - 1} lines below ran at once):`;
      return;
    }
    const line = describeOp(o);
    try {
      const done = await this.step(o);
      this.log.push(`${line} → ${done}`);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      const undoConflict = code === 'CONFLICT' && (o.kind === 'undo' || o.kind === 'redo');
      this.log.push(`${line} → ${code || 'THROWN'}: ${(e as Error).message}`);
      if (!expectedCodes.has(code) || undoConflict) {
        throw new Error(`Unexpected failure of ${line}: ${code} ${(e as Error).message}\n${this.trace()}`, {
          cause: e,
        });
      }
    }
  }

  trace(): string {
    return this.log.map((l, i) => `  ${String(i + 1).padStart(3)}. ${l}`).join('\n');
  }

  private call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
    return this.nb.call(method, input);
  }

  private pick<T extends { id: string }>(list: readonly T[], n: number): T | undefined {
    return list.length === 0 ? undefined : list[n % list.length];
  }

  /** Runs one operation; returns what happened in a few words. */
  private async step(o: Exclude<Op, { kind: 'together' }>): Promise<string> {
    const s = this.store;
    const skip = 'skipped (nothing to name)';
    switch (o.kind) {
      case 'import': {
        const files = o.files.map((f) => this.upload(f));
        const r = await this.call('importFiles', { files });
        return `imported [${r.imported.map((i) => i.id)}] duplicates ${r.duplicates.length} failed ${r.failed.length}`;
      }
      case 'highlightCreate': {
        const article = this.pick(s.list('article'), o.article);
        if (!article) return skip;
        const { text } = await this.nb.core.session().body(article);
        const start = Math.floor((o.at / 100) * text.length);
        const end = Math.min(text.length, start + Math.max(1, Math.floor((o.length / 100) * text.length)));
        const tagIds = o.tagIds.flatMap((n) => this.pick(s.list('tag'), n)?.id ?? []);
        const h = await this.call('highlightCreate', {
          articleId: article.id,
          start,
          end,
          tagIds,
          tagNames: o.tagNames,
        });
        return `${h.id} on ${article.id} [${h.tagIds}]`;
      }
      case 'highlightUpdate': {
        const h = this.pick(s.list('highlight'), o.highlight);
        if (!h) return skip;
        const input: ApiInput<'highlightUpdate'> = { id: h.id, tagNames: o.tagNames };
        if (o.tagIds !== null) input.tagIds = o.tagIds.flatMap((n) => this.pick(s.list('tag'), n)?.id ?? []);
        if (o.memo !== null) input.memo = o.memo;
        const next = await this.call('highlightUpdate', input);
        return `${h.id} [${next.tagIds}]`;
      }
      case 'highlightDelete': {
        const h = this.pick(s.list('highlight'), o.highlight);
        if (!h) return skip;
        await this.call('highlightDelete', { id: h.id });
        return h.id;
      }
      case 'tagCreate':
        return (await this.call('tagCreate', { name: o.name })).id;
      case 'tagUpdate': {
        const tag = this.pick(s.list('tag'), o.tag);
        if (!tag) return skip;
        await this.call('tagUpdate', {
          id: tag.id,
          ...(o.name === null ? {} : { name: o.name }),
          ...(o.color === null ? {} : { color: o.color }),
        });
        return tag.id;
      }
      case 'tagDelete': {
        const tag = this.pick(s.list('tag'), o.tag);
        if (!tag) return skip;
        const r = await this.call('tagDelete', { id: tag.id, withHighlights: o.withHighlights });
        return `${tag.id} untagged ${r.highlightsUpdated} deleted ${r.highlightsDeleted}`;
      }
      case 'tagMove': {
        const tag = this.pick(s.list('tag'), o.tag);
        if (!tag) return skip;
        const parent = o.parent === null ? null : (this.pick(s.list('tag'), o.parent)?.id ?? null);
        await this.call('tagUpdate', { id: tag.id, parentId: parent });
        return `${tag.id} under ${parent ?? 'the top level'}`;
      }
      case 'tagMerge': {
        const tag = this.pick(s.list('tag'), o.tag);
        const into = this.pick(s.list('tag'), o.into);
        if (!tag || !into) return skip;
        const r = await this.call('tagMerge', { ids: [tag.id], into: into.id });
        return `${tag.id} into ${into.id}: ${r.highlightsRetagged} retagged, ${r.duplicatesCollapsed} collapsed`;
      }
      case 'tagSplit': {
        const tag = this.pick(s.list('tag'), o.tag);
        if (!tag) return skip;
        const carrying = s.list('highlight').filter((h) => h.tagIds.includes(tag.id));
        const h = this.pick(carrying, o.highlight);
        if (!h) return skip;
        const r = await this.call('tagSplit', { id: tag.id, highlightIds: [h.id], name: o.name });
        return `${h.id} from ${tag.id} to ${r.tag.id}`;
      }
      case 'tagMemo': {
        const tag = this.pick(s.list('tag'), o.tag);
        if (!tag) return skip;
        await this.call('tagUpdate', { id: tag.id, memo: o.memo, description: o.description });
        return tag.id;
      }
      case 'articleMemo': {
        const article = this.pick(s.list('article'), o.article);
        if (!article) return skip;
        await this.call('articleSetMemo', { id: article.id, memo: o.memo });
        return article.id;
      }
      case 'noteCreate': {
        const note = await this.call('noteCreate', { title: o.title, body: await this.body(o.body) });
        return note.id;
      }
      case 'noteUpdate': {
        const note = this.pick(s.list('note'), o.note);
        if (!note) return skip;
        await this.call('noteUpdate', { id: note.id, body: await this.body(o.body) });
        return note.id;
      }
      case 'noteRename': {
        const note = this.pick(s.list('note'), o.note);
        if (!note) return skip;
        const r = await this.call('noteRename', { id: note.id, title: o.title });
        return `${note.id} (${r.notesUpdated} other notes updated)`;
      }
      case 'noteDelete': {
        const note = this.pick(s.list('note'), o.note);
        if (!note) return skip;
        await this.call('noteDelete', { id: note.id });
        return note.id;
      }
      case 'articleUpdateMeta': {
        const article = this.pick(s.list('article'), o.article);
        if (!article) return skip;
        const input: ApiInput<'articleUpdateMeta'> = { id: article.id, reset: o.reset };
        if (o.title !== null) input.title = o.title.join(' ');
        if (o.author !== undefined) input.author = o.author;
        if (o.source !== undefined) input.source = o.source;
        if (o.published !== undefined) input.published = o.published;
        await this.call('articleUpdateMeta', input);
        return article.id;
      }
      case 'articleSetBlock': {
        const article = this.pick(s.list('article'), o.article);
        if (!article) return skip;
        const { blocks } = await this.call('articleOriginal', { id: article.id });
        const block = this.pick(blocks, o.block);
        if (!block) return skip;
        const r = await this.call('articleSetBlock', { id: article.id, blockId: block.id, keep: o.keep });
        return `${article.id} block ${block.id} moved ${r.moved} orphaned ${r.orphaned}`;
      }
      case 'articleReextract': {
        const article = this.pick(s.list('article'), o.article);
        if (!article) return skip;
        const r = await this.call('articleReextract', { id: article.id });
        return `${article.id} moved ${r.moved} orphaned ${r.orphaned}`;
      }
      case 'articleDelete': {
        const article = this.pick(s.list('article'), o.article);
        if (!article) return skip;
        await this.call('articleDelete', { id: article.id });
        return article.id;
      }
      case 'trashRestore': {
        const entry = this.pick(s.list('trash'), o.entry);
        if (!entry) return skip;
        const r = await this.call('trashRestore', { id: entry.id });
        return `${entry.kind} ${entry.id}${r.notes.length ? ` (${r.notes.join(' ')})` : ''}`;
      }
      case 'trashEmpty': {
        if (o.entry === null) return `removed ${(await this.call('trashEmpty', {})).removed}`;
        const entry = this.pick(s.list('trash'), o.entry);
        if (!entry) return skip;
        return `removed ${(await this.call('trashEmpty', { ids: [entry.id] })).removed}`;
      }
      case 'undo':
        return (await this.call('undo', {})).label;
      case 'redo':
        return (await this.call('redo', {})).label;
    }
  }

  /** A small generated article; every file differs (a serial word), so none is an accidental duplicate. */
  private upload(f: FileSpec): { name: string; data: string } {
    const n = ++this.files;
    const title = f.title.join(' ');
    const paragraphs = f.paragraphs.map((p, i) => `${p.join(' ')}${i === 0 ? ` serial${n}` : ''}.`);
    const text =
      f.format === 'md'
        ? [`---\ntitle: ${title}\n${f.author ? `author: ${f.author}\n` : ''}---`, ...paragraphs].join(
            '\n\n',
          ) + '\n'
        : `<html><head><title>${title}</title>${f.author ? `<meta name="author" content="${f.author}">` : ''}</head>` +
          `<body><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World news</a></li></ul></nav>` +
          `<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>` +
          `<footer>Copyright 2020 Example News. All rights reserved.</footer></body></html>`;
    return { name: `file${n}.${f.format}`, data: Buffer.from(text).toString('base64') };
  }

  /** A note body: prose, `[[links]]`, and citations of highlights as "Cite in note" writes them. */
  private async body(parts: readonly BodyPart[]): Promise<string> {
    const out: string[] = [];
    for (const part of parts) {
      if ('text' in part) out.push(part.text.join(' '));
      else if ('link' in part) out.push(`See [[${part.link}]].`);
      else {
        const h = this.pick(this.store.list('highlight'), part.cite);
        if (h) out.push((await this.call('citationFor', { highlightId: h.id })).markdown);
      }
    }
    return out.join('\n\n');
  }
}
