// `notebook.json`: the notebook's name and format, the position of the last checkpoint (with how many records each
// record file held then, so a damaged file can say what may be missing), and the notices the researcher has not
// acknowledged yet. Small; rewritten at each checkpoint; backed up with the record files; rebuilt from them when
// it is lost.
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { z } from 'zod';
import type { NotebookNotice } from '../types';
import { readFileIfExists, writeFileAtomic } from './atomic-file';
import { checksum } from './journal';

/** 1: articles.json + annotations.json + notes.json. 2: record files + journal (store/, journal/). */
export const SCHEMA_VERSION = 2;
export const NOTEBOOK_FILE = 'notebook.json';

const noticeSchema = z.object({ id: z.string().min(1), at: z.string(), message: z.string() });

export const notebookFileSchema = z.object({
  schemaVersion: z.number().int().min(0),
  appVersion: z.string(),
  created: z.string().min(1),
  name: z.string().min(1),
  checkpoint: z
    .object({
      seq: z.number().int().min(0),
      at: z.string(),
      /** Records per record file (`article-03`) as of `seq`. */
      counts: z.record(z.string(), z.number().int().min(0)),
    })
    .optional(),
  notices: z.array(noticeSchema).optional(),
}) satisfies z.ZodType<NotebookFile>;

/**
 * On disk the file carries a checksum of everything else in it (`sum`), so a garbled byte is detected, not
 * taken for a new name. Files without one (older Quire, or written by hand) are accepted as they are.
 */
export function encodeNotebookFile(data: NotebookFile): string {
  const plain = notebookFileSchema.parse(data);
  return `${JSON.stringify({ ...plain, sum: checksum(JSON.stringify(plain)) }, null, 2)}\n`;
}

function decodeNotebookFile(value: unknown): NotebookFile | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sum, ...rest } = value as Record<string, unknown>;
  // A pre-release notebook.json has no schemaVersion: it is version 0 of the first layout.
  const withVersion = 'schemaVersion' in rest ? rest : { ...rest, schemaVersion: 0 };
  const parsed = notebookFileSchema.safeParse(withVersion);
  if (!parsed.success) return null;
  if (sum !== undefined && sum !== checksum(JSON.stringify(rest))) return null;
  return parsed.data;
}

export interface NotebookFile {
  schemaVersion: number;
  appVersion: string;
  created: string;
  name: string;
  checkpoint?: { seq: number; at: string; counts: Record<string, number> };
  notices?: NotebookNotice[];
}

export type RawNotebookFile =
  | { kind: 'missing' }
  | { kind: 'damaged'; bytes: Buffer }
  | { kind: 'ok'; data: NotebookFile; bytes: Buffer };

export async function readNotebookFile(dir: string): Promise<RawNotebookFile> {
  const bytes = await readFileIfExists(path.join(dir, NOTEBOOK_FILE));
  if (bytes === null) return { kind: 'missing' };
  try {
    const data = decodeNotebookFile(JSON.parse(bytes.toString('utf8')));
    return data ? { kind: 'ok', data, bytes } : { kind: 'damaged', bytes };
  } catch {
    return { kind: 'damaged', bytes };
  }
}

/** lowdb over `notebook.json`, written atomically. */
class NotebookFileAdapter implements Adapter<NotebookFile> {
  constructor(private readonly file: string) {}
  async read(): Promise<NotebookFile | null> {
    const bytes = await readFileIfExists(this.file);
    return bytes === null ? null : decodeNotebookFile(JSON.parse(bytes.toString('utf8')));
  }
  async write(data: NotebookFile): Promise<void> {
    await writeFileAtomic(this.file, encodeNotebookFile(data));
  }
}

/** The open notebook's `notebook.json`: changes are written one at a time, in order. */
export class NotebookFileDoc {
  private readonly low: Low<NotebookFile>;
  private chain: Promise<void> = Promise.resolve();

  constructor(dir: string, initial: NotebookFile) {
    this.low = new Low(new NotebookFileAdapter(path.join(dir, NOTEBOOK_FILE)), initial);
  }

  get data(): NotebookFile {
    return this.low.data;
  }

  update(change: (current: NotebookFile) => NotebookFile): Promise<void> {
    const run = async () => {
      this.low.data = change(this.low.data);
      await this.low.write();
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  async idle(): Promise<void> {
    await this.chain;
  }
}
