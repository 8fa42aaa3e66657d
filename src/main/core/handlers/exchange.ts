// Everything a researcher makes leaves Quire (exportTo, exportDownload) and comes back in (importQdpx,
// importQdc, importNotes, importRefs). Each import is one change set: one undo step.
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ApiParsedInput, RefsImportReport } from '../api-contract';
import type { Core } from '../app/core';
import { QuireError } from '../errors';
import { exportDownload as downloadExport, exportTo as writeExportTo } from '../export/run';
import { readImportFile } from '../import/read-file';
import { mergeCodebook } from '../interchange/codebook-merge';
import {
  planNotes,
  readUploadedVault,
  readVaultFolder,
  type VaultContents,
} from '../interchange/notes-import';
import { importProject } from '../interchange/qdpx-import';
import { readCodebook, readQdpx } from '../interchange/qdpx-read';
import { changesFor, matchReference, readReferences } from '../references/import-refs';
import type { ArticleMetadata, ArticleRecord, Note } from '../types';
import type { Handlers } from './handler';

/** A QDPX is a whole project with its texts: larger than any one article may be. */
const MAX_PROJECT_BYTES = 256 * 1024 * 1024;
const MAX_SMALL_FILE_BYTES = 32 * 1024 * 1024;

type FileInput = ApiParsedInput<'importQdc'>['file'];

async function readInput(file: FileInput, limit: number): Promise<{ name: string; bytes: Uint8Array }> {
  if ('path' in file) return { name: basename(file.path), bytes: await readImportFile(file.path, limit) };
  const bytes = Buffer.from(file.data, 'base64');
  if (bytes.byteLength > limit) throw new QuireError('BAD_INPUT', `“${file.name}” is too large to import.`);
  return { name: basename(file.name.replace(/\\/g, '/')), bytes: new Uint8Array(bytes) };
}

const utf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

async function exportTo(core: Core, input: ApiParsedInput<'exportTo'>) {
  return writeExportTo(core.session(), input, core.now());
}

async function exportDownload(core: Core, input: ApiParsedInput<'exportDownload'>) {
  return downloadExport(core.session(), input, core.now());
}

async function importQdpx(core: Core, { file, into, notebookPath }: ApiParsedInput<'importQdpx'>) {
  const { name, bytes } = await readInput(file, MAX_PROJECT_BYTES);
  // Read and check everything before touching any notebook: a refused file leaves nothing behind.
  const project = readQdpx(bytes);
  if (into === 'new' && notebookPath) {
    const exists = await access(join(notebookPath, 'notebook.json')).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new QuireError(
        'CONFLICT',
        `${notebookPath} already holds a notebook. Choose an empty folder for the new notebook, or import into the open one.`,
      );
    }
    await core.open(notebookPath, { create: true });
  }
  const r = await importProject(core, project, `Import “${name}”`);
  const lost = r.unmapped.reduce((n, u) => n + u.count, 0);
  return {
    ...r,
    summary:
      `Imported ${plural(r.articles.created, 'article')} (${r.articles.existing} already here), ` +
      `${plural(r.tags.created, 'new tag')}, ${plural(r.highlights.created, 'highlight')}, ` +
      `${plural(r.notes, 'note')} from “${name}”` +
      (lost ? `; ${plural(lost, 'item')} Quire has no place for (listed).` : '.'),
  };
}

async function importQdc(core: Core, { file }: ApiParsedInput<'importQdc'>) {
  const { name, bytes } = await readInput(file, MAX_SMALL_FILE_BYTES);
  const book = readCodebook(utf8(bytes));
  const session = core.writable();
  const { value } = await session.commit(`Import codebook “${name}”`, (tx) => {
    const m = mergeCodebook(tx, book.codes, core.ids, core.now().toISOString());
    return { created: m.created, matched: m.matched, updated: m.updated };
  });
  return {
    tags: value,
    unmapped: book.unmapped,
    summary: `Codebook “${name}”: ${plural(value.created, 'new tag')}, ${value.matched} already here.`,
  };
}

async function importNotes(core: Core, { paths, files }: ApiParsedInput<'importNotes'>) {
  const session = core.writable();
  const parts: VaultContents[] = [];
  for (const p of paths) parts.push(await readVaultFolder(p));
  if (files.length)
    parts.push(
      await readUploadedVault(files.map((f) => ({ name: f.name, data: Buffer.from(f.data, 'base64') }))),
    );
  const contents: VaultContents = {
    files: parts.flatMap((p) => p.files),
    attachments: parts.flatMap((p) => p.attachments),
    quirePages: parts.flatMap((p) => p.quirePages),
    failed: parts.flatMap((p) => p.failed),
  };
  const plan = planNotes(contents, session.store.list('note'));
  const now = core.now().toISOString();
  const where = paths.length === 1 ? `“${basename(paths[0] ?? '')}”` : 'a vault';
  const { value: imported } = await session.commit(
    `Import ${plural(plan.notes.length, 'note')} from ${where}`,
    (tx) =>
      plan.notes.map((n) => {
        const note: Note = {
          id: core.ids('note'),
          title: n.title,
          body: n.body,
          createdAt: n.createdAt ?? now,
          updatedAt: n.updatedAt ?? n.createdAt ?? now,
        };
        tx.put('note', note);
        return { id: note.id, title: note.title, file: n.file };
      }),
  );
  return {
    imported,
    renamed: plan.renamed,
    attachments: plan.referencedAttachments,
    skipped: contents.quirePages,
    failed: contents.failed,
    summary:
      `Imported ${plural(imported.length, 'note')}` +
      (plan.referencedAttachments.length
        ? `; ${plural(plan.referencedAttachments.length, 'attachment')} they link to stay in the vault (not copied)`
        : '') +
      (contents.failed.length ? `; ${plural(contents.failed.length, 'file')} could not be read` : '') +
      '.',
  };
}

async function importRefs(core: Core, { file, fillOnly }: ApiParsedInput<'importRefs'>) {
  const { name, bytes } = await readInput(file, MAX_SMALL_FILE_BYTES);
  const refs = readReferences(utf8(bytes), name);
  const session = core.writable();
  const { value: items } = await session.commit(`Import references from “${name}”`, (tx) => {
    const articles = tx.list('article');
    const out: RefsImportReport['items'] = [];
    for (const ref of refs) {
      const match = matchReference(ref, articles);
      const current = match.article ? tx.get('article', match.article.id) : undefined;
      if (!current) {
        out.push({
          reference: ref.label,
          status: match.ambiguous ? 'ambiguous' : 'unmatched',
          articleId: null,
          articleTitle: null,
          matchedBy: match.by,
          changes: [],
        });
        continue;
      }
      const changes = changesFor(ref, current, fillOnly);
      if (changes.length) {
        const edited: Partial<ArticleMetadata> = Object.fromEntries(changes.map((c) => [c.field, c.to]));
        const next: ArticleRecord = { ...current, ...edited, edits: { ...current.edits, ...edited } };
        if (edited.title !== undefined) next.untitled = false;
        tx.put('article', next);
        const i = articles.findIndex((a) => a.id === next.id);
        if (i !== -1) articles[i] = next;
      }
      out.push({
        reference: ref.label,
        status: changes.length ? 'updated' : 'unchanged',
        articleId: current.id,
        articleTitle: current.title,
        matchedBy: match.by,
        changes,
      });
    }
    return out;
  });
  const updated = items.filter((i) => i.status === 'updated').length;
  const unmatched = items.filter((i) => i.status === 'unmatched' || i.status === 'ambiguous').length;
  return {
    items,
    summary:
      `${plural(items.length, 'reference')} in “${name}”: ${plural(updated, 'article')} updated` +
      (unmatched ? `, ${unmatched} matched no article` : '') +
      '.',
  };
}

export const exchangeHandlers = {
  exportTo,
  exportDownload,
  importQdpx,
  importQdc,
  importNotes,
  importRefs,
} satisfies Handlers<
  'exportTo' | 'exportDownload' | 'importQdpx' | 'importQdc' | 'importNotes' | 'importRefs'
>;
