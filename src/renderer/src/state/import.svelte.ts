// Importing: native paths (desktop) or uploaded bytes in bounded chunks (browser), one accumulated report,
// progress from the core's importProgress event and our own chunk loop, and cancellation.
import type { ImportReport } from '../../../main/core/api-contract';
import { api, desktop, onEvent } from '../lib/api-client';
import { bytesToBase64 } from '../lib/base64';
import { ui } from './ui.svelte';

const MAX_FILES_PER_CALL = 25;
const MAX_BYTES_PER_CALL = 20 * 1024 * 1024;

export interface Progress {
  done: number;
  total: number;
  current: string;
}

/** Groups files into calls of at most 25 files / 20 MB (a bigger single file goes alone). */
export function chunkFiles<T extends { size: number }>(files: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const f of files) {
    if (chunk.length > 0 && (chunk.length >= MAX_FILES_PER_CALL || bytes + f.size > MAX_BYTES_PER_CALL)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(f);
    bytes += f.size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function emptyReport(): ImportReport {
  return { imported: [], duplicates: [], failed: [], cancelled: false };
}

function merge(into: ImportReport, part: ImportReport): ImportReport {
  return {
    imported: [...into.imported, ...part.imported],
    duplicates: [...into.duplicates, ...part.duplicates],
    failed: [...into.failed, ...part.failed],
    cancelled: into.cancelled || part.cancelled,
  };
}

class ImportState {
  running = $state(false);
  progress = $state<Progress>({ done: 0, total: 0, current: '' });
  report = $state.raw<ImportReport | null>(null);
  private cancelRequested = false;
  private offset = 0;

  constructor() {
    // The core reports per-file progress within one call; add what earlier chunks already did.
    queueMicrotask(() =>
      onEvent('importProgress', (p) => {
        if (!this.running) return;
        this.progress = {
          done: Math.min(this.offset + p.done, this.progress.total || this.offset + p.total),
          total: Math.max(this.progress.total, this.offset + p.total),
          current: p.current,
        };
      }),
    );
  }

  private begin(total: number): void {
    this.running = true;
    this.cancelRequested = false;
    this.offset = 0;
    this.progress = { done: 0, total, current: '' };
    this.report = null;
  }

  private finish(report: ImportReport): void {
    this.running = false;
    this.report = report;
  }

  async importPaths(paths: string[]): Promise<void> {
    if (paths.length === 0 || this.running) return;
    this.begin(paths.length);
    try {
      this.finish(await api.importPaths({ paths }));
    } catch (e) {
      this.running = false;
      ui.error(e);
    }
  }

  async importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0 || this.running) return;
    this.begin(files.length);
    let report = emptyReport();
    for (const chunk of chunkFiles(files)) {
      if (this.cancelRequested) {
        report = { ...report, cancelled: true };
        break;
      }
      this.progress = { ...this.progress, current: chunk[0]?.name ?? '' };
      try {
        const payload = await Promise.all(
          chunk.map(async (f) => ({
            name: f.webkitRelativePath || f.name,
            data: bytesToBase64(new Uint8Array(await f.arrayBuffer())),
          })),
        );
        report = merge(report, await api.importFiles({ files: payload }));
      } catch (e) {
        // The rest of the batch goes on: this chunk's files are reported with the reason.
        const reason = e instanceof Error ? e.message : String(e);
        report = merge(report, {
          ...emptyReport(),
          failed: chunk.map((f) => ({ file: f.webkitRelativePath || f.name, error: reason })),
        });
      }
      this.offset += chunk.length;
      this.progress = { ...this.progress, done: this.offset };
    }
    this.finish(report);
  }

  async cancel(): Promise<void> {
    this.cancelRequested = true;
    try {
      await api.importCancel({});
    } catch (e) {
      ui.error(e);
    }
  }

  /** Desktop: native picker; browser: the hidden file inputs in the Import menu. */
  async pickAndImport(kind: 'files' | 'folder'): Promise<void> {
    if (desktop) {
      try {
        await this.importPaths(await desktop.pickImportPaths(kind));
      } catch (e) {
        ui.error(e);
      }
      return;
    }
    document.getElementById(kind === 'files' ? 'import-files-input' : 'import-folder-input')?.click();
  }

  /** Drag-and-drop onto the window: paths on desktop, bytes (folders walked) in the browser. */
  async drop(data: DataTransfer): Promise<void> {
    const bridge = desktop;
    if (bridge) {
      const paths = [...data.files].map((f) => bridge.pathForFile(f)).filter((p) => p !== '');
      await this.importPaths(paths);
      return;
    }
    const entries = [...data.items]
      .map((item) => item.webkitGetAsEntry())
      .filter((e): e is FileSystemEntry => e !== null);
    const files = entries.length > 0 ? await filesFromEntries(entries) : [...data.files];
    await this.importFiles(files);
  }

  closeReport(): void {
    this.report = null;
  }
}

async function filesFromEntries(entries: FileSystemEntry[]): Promise<File[]> {
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      // Keep the folder path as the name so the report says where a failed file was.
      out.push(prefix ? new File([file], `${prefix}${file.name}`, { type: file.type }) : file);
      return;
    }
    if (!entry.isDirectory) return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

export const importer = new ImportState();
