import type { Core } from '../app/core';
import { fileSource, ImportBatch, type ImportSource } from '../app/import-batch';
import { collectImportFiles } from '../import/walk';
import type { Handlers } from './handler';

/** Runs one batch in the app's single import slot. */
function runBatch(
  core: Core,
  prepare: () => Promise<{ sources: ImportSource[]; failures: { file: string; error: string }[] }>,
) {
  core.writable();
  return core.imports.run(async () => {
    const { sources, failures } = await prepare();
    const batch = new ImportBatch(core, sources, failures);
    return { batch, done: batch.run() };
  });
}

async function importPaths(core: Core, { paths }: { paths: string[] }) {
  return runBatch(core, async () => {
    const { files, skipped } = await collectImportFiles(paths);
    return { sources: files.map(fileSource), failures: skipped };
  });
}

async function importFiles(core: Core, { files }: { files: { name: string; data: string }[] }) {
  return runBatch(core, async () => ({
    sources: files.map(({ name, data }): ImportSource => {
      const bytes = new Uint8Array(Buffer.from(data, 'base64'));
      return { name, read: async () => bytes };
    }),
    failures: [],
  }));
}

async function importCancel(core: Core) {
  return { cancelled: core.imports.cancel() };
}

export const importHandlers = { importPaths, importFiles, importCancel } satisfies Handlers<
  'importPaths' | 'importFiles' | 'importCancel'
>;
