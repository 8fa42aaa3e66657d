// Every export format, from one snapshot of the notebook to files on disk or one download. The formats share
// the snapshot, the article scope and the citation style; each knows its own files.
import { userInfo } from 'node:os';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Download, ExportFormat, ExportResult } from '../api-contract';
import type { NotebookSession } from '../app/session';
import { buildCodebook } from '../interchange/qdc';
import { buildQdpx, zipQdpx } from '../interchange/qdpx-export';
import { parseCitations } from '../notes/citations';
import { bibtexOf, cslJsonOf } from '../references/bibliography';
import type { CitationStyle } from '../references/style-list';
import { csvFileNames, tableCsv } from './csv';
import { exportNotes, type ExportFile } from './markdown';
import { takeSnapshot, type NotebookSnapshot } from './snapshot';
import { codeByDocumentTable, coOccurrenceTable, segmentTable } from './tables';
import { citationRenderer, planVault } from './vault/plan';
import { syncVault, vaultState, zipVault } from './vault/sync';
import { writeExport, type ConflictPolicy } from './write';
import { writeSingleFile } from './write-file';
import { tablesXlsx } from './xlsx';

export interface ExportOptions {
  format: ExportFormat;
  articles?: 'used' | 'all' | 'selected' | 'cited' | undefined;
  articleIds: string[];
  noteIds: string[];
  style: CitationStyle;
  coder?: string | undefined;
}

const FILE_FORMATS = {
  xlsx: { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  qdpx: { ext: 'qdpx', mime: 'application/zip' },
  qdc: { ext: 'qdc', mime: 'application/xml' },
  bibtex: { ext: 'bib', mime: 'application/x-bibtex' },
  csljson: { ext: 'json', mime: 'application/vnd.citationstyles.csl+json' },
} as const;

function systemUser(): string {
  try {
    return userInfo().username || 'Quire';
  } catch {
    return 'Quire';
  }
}

/** The articles an export covers (null: all of them). */
function scopeIds(session: NotebookSession, o: ExportOptions): Set<string> | null {
  const scope = o.articles ?? (o.format === 'obsidian' ? 'used' : 'all');
  if (scope === 'selected') return new Set(o.articleIds);
  if (scope === 'cited') {
    const notes = session.store
      .list('note')
      .filter((n) => o.noteIds.length === 0 || o.noteIds.includes(n.id));
    return new Set(notes.flatMap((n) => parseCitations(n.body).map((c) => c.articleId)));
  }
  return null;
}

const needsTexts = (f: ExportFormat): boolean => f === 'obsidian' || f === 'qdpx' || f === 'markdown';

async function snapshotFor(session: NotebookSession, o: ExportOptions, now: Date): Promise<NotebookSnapshot> {
  const ids = scopeIds(session, o);
  return takeSnapshot(session, {
    texts: needsTexts(o.format),
    coder: o.coder?.trim() || systemUser(),
    now,
    ...(ids ? { articleIds: ids } : {}),
  });
}

function noteFiles(snapshot: NotebookSnapshot, style: CitationStyle): ExportFile[] {
  return exportNotes({
    notes: snapshot.notes,
    articles: new Map(snapshot.articles.map((a) => [a.record.id, a.record])),
    highlights: new Map(snapshot.highlights.map((h) => [h.id, h])),
    tags: new Map(snapshot.tags.map((t) => [t.id, t])),
    cite: citationRenderer(snapshot, style, null),
  });
}

function csvFiles(snapshot: NotebookSnapshot): ExportFile[] {
  return [
    { fileName: csvFileNames.segments, noteId: '', content: tableCsv(segmentTable(snapshot)) },
    { fileName: csvFileNames.codeByDocument, noteId: '', content: tableCsv(codeByDocumentTable(snapshot)) },
    { fileName: csvFileNames.coOccurrence, noteId: '', content: tableCsv(coOccurrenceTable(snapshot)) },
  ];
}

async function fileData(
  snapshot: NotebookSnapshot,
  format: keyof typeof FILE_FORMATS,
): Promise<{ data: Uint8Array; skipped: string[]; what: string }> {
  const records = snapshot.articles.map((a) => a.record);
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  switch (format) {
    case 'xlsx': {
      const tables = [segmentTable(snapshot), codeByDocumentTable(snapshot), coOccurrenceTable(snapshot)];
      return {
        data: await tablesXlsx(tables, snapshot.now),
        skipped: [],
        what: plural(tables[0]?.rows.length ?? 0, 'coded segment row'),
      };
    }
    case 'qdpx': {
      const build = buildQdpx(snapshot);
      const c = build.counts;
      return {
        data: zipQdpx(build),
        skipped: build.skipped,
        what: `${plural(c.sources, 'source')}, ${plural(c.codes, 'code')}, ${plural(c.selections, 'coded selection')}`,
      };
    }
    case 'qdc':
      return {
        data: strToU8(buildCodebook(snapshot.tags)),
        skipped: [],
        what: plural(snapshot.tags.length, 'code'),
      };
    case 'bibtex':
      return { data: strToU8(bibtexOf(records)), skipped: [], what: plural(records.length, 'reference') };
    case 'csljson':
      return { data: strToU8(cslJsonOf(records)), skipped: [], what: plural(records.length, 'reference') };
  }
}

const baseName = (snapshot: NotebookSnapshot): string =>
  snapshot.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'Quire';

export async function exportTo(
  session: NotebookSession,
  o: ExportOptions & { out: string; onConflict: ConflictPolicy },
  now: Date,
): Promise<ExportResult> {
  const snapshot = await snapshotFor(session, o, now);
  const base = { format: o.format, unchanged: 0, removed: [] as string[], skipped: [] as string[] };
  if (o.format === 'obsidian') {
    const state = await vaultState(o.out);
    const scope =
      o.articles === 'all' || o.articles === 'selected' || o.articles === 'cited' ? 'all' : 'used';
    const files = planVault(snapshot, { articles: scope, style: o.style, reserved: state.reserved });
    const r = await syncVault(o.out, files, state.manifest);
    const written = [...r.written, ...r.updated];
    const conflicts = r.conflicts.map((c) => ({ file: c.file, copy: c.copy }));
    return {
      ...base,
      out: r.dir,
      written,
      unchanged: r.unchanged,
      conflicts,
      removed: r.removed,
      skipped: r.kept.map((k) => `${k}: you changed it, and what it showed is gone from the notebook; kept`),
      summary:
        `Vault ${r.dir}: ${r.written.length} new, ${r.updated.length} updated, ${r.unchanged} unchanged` +
        (r.removed.length ? `, ${r.removed.length} removed` : '') +
        (conflicts.length ? `; ${conflicts.length} you changed kept, Quire’s version beside each` : '') +
        '.',
    };
  }
  if (o.format === 'markdown' || o.format === 'csv') {
    const files = o.format === 'markdown' ? noteFiles(snapshot, o.style) : csvFiles(snapshot);
    const r = await writeExport(o.out, files, o.onConflict);
    return {
      ...base,
      out: r.dir,
      written: r.written.map((w) => w.file),
      conflicts: r.conflicts.map((file) => ({ file, copy: null })),
      summary: r.conflicts.length
        ? `${r.conflicts.length} file(s) already exist in ${r.dir}; nothing was written.`
        : `Exported ${r.written.length} ${o.format === 'markdown' ? 'note' : 'file'}${r.written.length === 1 ? '' : 's'} to ${r.dir}.`,
    };
  }
  const spec = FILE_FORMATS[o.format];
  const { data, skipped, what } = await fileData(snapshot, o.format);
  const target = await fileTarget(o.out, `${baseName(snapshot)}.${spec.ext}`);
  const r = await writeSingleFile(target, data, o.onConflict);
  return {
    ...base,
    out: r.file,
    written: r.written ? [r.file] : [],
    conflicts: r.written ? [] : [{ file: r.file, copy: null }],
    skipped,
    summary: r.written ? `Exported ${what} to ${r.file}.` : `${r.file} already exists; nothing was written.`,
  };
}

/** `--out` naming a folder that exists means "in there, under the usual name". */
async function fileTarget(out: string, name: string): Promise<string> {
  try {
    if ((await stat(out)).isDirectory()) return path.join(out, name);
  } catch {
    // Not there yet: it is the file to write.
  }
  return out;
}

export async function exportDownload(
  session: NotebookSession,
  o: ExportOptions,
  now: Date,
): Promise<Download> {
  const snapshot = await snapshotFor(session, o, now);
  const stamp = now.toISOString().slice(0, 10);
  const name = baseName(snapshot);
  const b64 = (d: Uint8Array) => Buffer.from(d).toString('base64');
  if (o.format === 'obsidian') {
    const scope =
      o.articles === 'all' || o.articles === 'selected' || o.articles === 'cited' ? 'all' : 'used';
    const files = planVault(snapshot, { articles: scope, style: o.style });
    return {
      fileName: `${name} vault ${stamp}.zip`,
      mime: 'application/zip',
      data: b64(zipVault(files)),
      summary: `Exported a vault of ${files.length} Markdown file${files.length === 1 ? '' : 's'}.`,
    };
  }
  if (o.format === 'markdown' || o.format === 'csv') {
    const files = o.format === 'markdown' ? noteFiles(snapshot, o.style) : csvFiles(snapshot);
    const entries = Object.fromEntries(files.map((f) => [f.fileName, strToU8(f.content)]));
    return {
      fileName: `${name} ${o.format === 'csv' ? 'tables' : 'notes'} ${stamp}.zip`,
      mime: 'application/zip',
      data: b64(zipSync(entries, { level: 6 })),
      summary: `Exported ${files.length} file${files.length === 1 ? '' : 's'}.`,
    };
  }
  const spec = FILE_FORMATS[o.format];
  const { data, what } = await fileData(snapshot, o.format);
  return {
    fileName: `${name} ${stamp}.${spec.ext}`,
    mime: spec.mime,
    data: b64(data),
    summary: `Exported ${what}.`,
  };
}
