// Export in every format and import from other tools: the Export dialog's choices, where the result goes (a
// folder or file the desktop asks for; a download in browser mode), and the report of an import.
import type { ApiInput, ExportFormat } from '../../../main/core/api-contract';
import type { CitationStyle } from '../../../main/core/references/style-list';
import { api, desktop } from '../lib/api-client';
import { base64ToBytes, bytesToBase64 } from '../lib/base64';
import { notes } from './notes.svelte';
import { sync } from './sync.svelte';
import { ui } from './ui.svelte';

export type ExchangeImport = 'qdpx' | 'qdc' | 'notes' | 'refs';

export const exportChoices: { format: ExportFormat; label: string; hint: string }[] = [
  {
    format: 'obsidian',
    label: 'Obsidian vault',
    hint: 'notes, article pages with highlights, one page per tag',
  },
  { format: 'markdown', label: 'Markdown notes', hint: 'the notes only, with front matter' },
  { format: 'csv', label: 'CSV tables', hint: 'coded segments, code × document, co-occurrence' },
  { format: 'xlsx', label: 'Excel workbook', hint: 'the same three tables as sheets' },
  { format: 'qdpx', label: 'REFI-QDA project (.qdpx)', hint: 'QualCoder, ATLAS.ti, NVivo, MAXQDA' },
  { format: 'qdc', label: 'REFI-QDA codebook (.qdc)', hint: 'the tags with their hierarchy' },
  { format: 'bibtex', label: 'BibTeX', hint: 'references for Zotero, JabRef, LaTeX' },
  { format: 'csljson', label: 'CSL-JSON', hint: 'references for Zotero and citation processors' },
];

/** Formats written as a folder on desktop (a zip in browser mode); the others are one file. */
const FOLDER_FORMATS: readonly ExportFormat[] = ['obsidian', 'markdown', 'csv'];
const EXTENSIONS: Partial<Record<ExportFormat, string>> = {
  xlsx: 'xlsx',
  qdpx: 'qdpx',
  qdc: 'qdc',
  bibtex: 'bib',
  csljson: 'json',
};

export interface ExportChoice {
  format: ExportFormat;
  /** 'used': with highlights or cited; 'cited': cited in a note (references for a paper's bibliography). */
  articles: 'used' | 'all' | 'cited';
  style: CitationStyle;
  coder: string;
}

const ACCEPT: Record<Exclude<ExchangeImport, 'notes'>, string[]> = {
  qdpx: ['qdpx'],
  qdc: ['qdc', 'xml'],
  refs: ['bib', 'bibtex', 'json', 'ris'],
};
const TITLES: Record<ExchangeImport, string> = {
  qdpx: 'Import a REFI-QDA project',
  qdc: 'Import a REFI-QDA codebook',
  notes: 'Import an Obsidian vault or Markdown notes',
  refs: 'Import references',
};

export interface ExchangeReport {
  title: string;
  summary: string;
  /** One line per item worth telling: what was not mapped, what changed, what was skipped. */
  lines: string[];
}

function download(fileName: string, mime: string, data: string): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(data)], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A browser file picker, resolved with the chosen files ([] when cancelled). */
function pickBrowserFiles(accept: string[], folder: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.className = 'visually-hidden';
    input.dataset.testid = 'exchange-file-input';
    if (folder) input.webkitdirectory = true;
    else input.accept = accept.map((e) => `.${e}`).join(',');
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

const upload = async (f: File) => ({
  name: f.webkitRelativePath || f.name,
  data: bytesToBase64(new Uint8Array(await f.arrayBuffer())),
});

class ExchangeState {
  exportOpen = $state(false);
  busy = $state(false);
  report = $state<ExchangeReport | null>(null);

  async runExport(choice: ExportChoice): Promise<void> {
    await notes.flush();
    const options = {
      format: choice.format,
      articles: choice.articles,
      style: choice.style,
      ...(choice.coder.trim() ? { coder: choice.coder.trim() } : {}),
    };
    this.busy = true;
    try {
      if (!desktop) {
        const d = await api.exportDownload(options);
        download(d.fileName, d.mime, d.data);
        this.exportOpen = false;
        ui.toast(`${d.summary} Saved as ${d.fileName}.`);
        return;
      }
      const ext = EXTENSIONS[choice.format];
      const out = FOLDER_FORMATS.includes(choice.format)
        ? await desktop.pickFolder('export')
        : await desktop.pickSaveFile(`${choice.format === 'qdc' ? 'Codebook' : 'Quire'}.${ext}`, ext ?? '');
      if (!out) return;
      let r = await api.exportTo({ ...options, out, onConflict: 'ask' });
      const refused = r.conflicts.filter((c) => c.copy === null);
      if (refused.length > 0) {
        const n = refused.length;
        const pick = await ui.choose(
          'Files already exist',
          `${n} ${n === 1 ? 'file exists' : 'files exist'}: ${refused
            .slice(0, 5)
            .map((c) => c.file)
            .join(', ')}${n > 5 ? ', …' : ''}`,
          [
            { id: 'overwrite', label: 'Overwrite', danger: true },
            { id: 'keep-both', label: 'Keep both' },
          ],
        );
        if (pick !== 'overwrite' && pick !== 'keep-both') return;
        r = await api.exportTo({ ...options, out, onConflict: pick });
      }
      this.exportOpen = false;
      const kept = r.conflicts.filter((c) => c.copy !== null);
      if (kept.length || r.skipped.length) {
        this.report = {
          title: 'Export finished',
          summary: r.summary,
          lines: [
            ...kept.map((c) => `${c.file}: you changed it, so it was kept; Quire's version is ${c.copy}`),
            ...r.skipped,
          ],
        };
      } else ui.toast(r.summary);
    } catch (e) {
      ui.error(e);
    } finally {
      this.busy = false;
    }
  }

  /** Asks for the file (or vault folder), imports it as one undoable change, and shows what happened. */
  async pickAndImport(kind: ExchangeImport): Promise<void> {
    try {
      if (kind === 'notes') return await this.importNotes();
      const file = await this.pickFile(kind);
      if (!file) return;
      const into = kind === 'qdpx' ? await this.qdpxTarget() : null;
      if (into === undefined) return;
      this.busy = true;
      if (kind === 'qdpx') {
        const r = await api.importQdpx({
          file,
          ...(into ? { into: 'new', notebookPath: into } : { into: 'current' }),
        });
        // The views started afresh when the new notebook opened, which was before the project went in: a list
        // fetched then can land after the import's change event and hide it. Load them once more, now.
        if (into) await sync.load();
        this.report = {
          title: 'Project imported',
          summary: r.summary,
          lines: r.unmapped.map((u) => `Not imported: ${u.what} (${u.count})`),
        };
      } else if (kind === 'qdc') {
        const r = await api.importQdc({ file });
        this.report = {
          title: 'Codebook imported',
          summary: r.summary,
          lines: r.unmapped.map((u) => `Not imported: ${u.what} (${u.count})`),
        };
      } else {
        const r = await api.importRefs({ file });
        this.report = {
          title: 'References imported',
          summary: r.summary,
          lines: r.items.map((i) => {
            const what = i.changes.map((c) => `${c.field} → ${c.to}`).join('; ');
            return i.status === 'updated'
              ? `${i.reference}: updated “${i.articleTitle}” (${what})`
              : i.status === 'unchanged'
                ? `${i.reference}: “${i.articleTitle}” already says this`
                : `${i.reference}: ${i.status === 'ambiguous' ? 'matches several articles' : 'matches no article'}; nothing changed`;
          }),
        };
      }
    } catch (e) {
      ui.error(e);
    } finally {
      this.busy = false;
    }
  }

  private async pickFile(
    kind: Exclude<ExchangeImport, 'notes'>,
  ): Promise<ApiInput<'importQdc'>['file'] | null> {
    if (desktop) {
      const path = await desktop.pickOpenFile(TITLES[kind], ACCEPT[kind]);
      return path ? { path } : null;
    }
    const [f] = await pickBrowserFiles(ACCEPT[kind], false);
    return f ? upload(f) : null;
  }

  /** null: into this notebook; a path: into a new notebook there; undefined: cancelled. */
  private async qdpxTarget(): Promise<string | null | undefined> {
    const pick = await ui.choose('Import a REFI-QDA project', 'Where should the project go?', [
      { id: 'new', label: 'A new notebook…' },
      { id: 'current', label: 'This notebook' },
    ]);
    if (pick === 'current') return null;
    if (pick !== 'new') return undefined;
    if (desktop) return (await desktop.pickFolder('new-notebook')) ?? undefined;
    let path: string | undefined;
    const done = await ui.ask({
      title: 'New notebook for the project',
      label: 'Folder for the new notebook (on this computer)',
      value: '',
      submitLabel: 'Import',
      submit: async (v) => void (path = v),
    });
    return done ? path : undefined;
  }

  private async importNotes(): Promise<void> {
    let input: ApiInput<'importNotes'>;
    if (desktop) {
      const dir = await desktop.pickFolder('import-notes');
      if (!dir) return;
      input = { paths: [dir] };
    } else {
      const files = (await pickBrowserFiles([], true)).filter((f) => !f.name.startsWith('.'));
      if (!files.length) return;
      input = { files: await Promise.all(files.map(upload)) };
    }
    this.busy = true;
    const r = await api.importNotes(input);
    this.report = {
      title: 'Notes imported',
      summary: r.summary,
      lines: [
        ...r.renamed.map((n) => `${n.file}: “${n.from}” was taken; imported as “${n.to}”`),
        ...r.attachments.map((a) => `${a}: linked from a note, stays in the vault (not copied)`),
        ...r.skipped.map((s) => `${s}: a page Quire exported, not a note; skipped`),
        ...r.failed.map((f) => `${f.file}: ${f.error}`),
      ],
    };
  }
}

export const exchange = new ExchangeState();
