// The notebook's journal: every committed change set, appended as one line and flushed to disk before the
// commit is acknowledged. A write is one append (small, whatever the corpus size); the record files are brought
// up to date later, in the background (checkpoints), and the journal replays whatever they do not yet hold.
//
// Line format: `<16 hex: sha256 of the JSON> <JSON>\n`. A line whose checksum does not match is damage, reported;
// an unfinished last line is a crash during an append, which was never acknowledged, and is cut off.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsyncDir } from './atomic-file';
import type { ChangeOrigin, RecordKind, RecordTypes } from './records';

export const JOURNAL_DIR = 'journal';
const SEGMENT = /^(\d{12})\.log$/;

/** A record's new state; a removal also keeps what was removed (caches and replication need to know what went). */
export type JournalPut = {
  [K in RecordKind]: { kind: K; id: string; after: RecordTypes[K] | null; before?: RecordTypes[K] };
}[RecordKind];

export interface JournalEntry {
  seq: number;
  at: string;
  label: string;
  origin: ChangeOrigin;
  puts: JournalPut[];
}

export interface JournalDamage {
  file: string;
  /** 1-based line number in the segment file. */
  line: number;
  why: 'checksum' | 'unreadable';
}

interface Segment {
  file: string;
  firstSeq: number;
  lastSeq: number;
  bytes: number;
}

export function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function encodeEntry(entry: JournalEntry): string {
  const json = JSON.stringify(entry);
  return `${checksum(json)} ${json}\n`;
}

/** Parses one line; null when it is damaged. */
export function decodeLine(line: string): JournalEntry | null {
  const space = line.indexOf(' ');
  if (space !== 16) return null;
  const json = line.slice(17);
  if (checksum(json) !== line.slice(0, 16)) return null;
  try {
    const value = JSON.parse(json) as JournalEntry;
    return Number.isSafeInteger(value.seq) && Array.isArray(value.puts) ? value : null;
  } catch {
    return null;
  }
}

export class Journal {
  private handle: fs.FileHandle | null = null;
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly folder: string,
    private readonly segments: Segment[],
    private readonly readOnly: boolean,
  ) {}

  /**
   * Reads every segment in order. Writable journals cut an unfinished last line off (it was never acknowledged)
   * so the next append starts on a clean line.
   */
  static async open(
    dir: string,
    options: { readOnly: boolean },
  ): Promise<{ journal: Journal; entries: JournalEntry[]; damage: JournalDamage[] }> {
    const folder = path.join(dir, JOURNAL_DIR);
    let names: string[] = [];
    try {
      names = (await fs.readdir(folder)).filter((n) => SEGMENT.test(n)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const entries: JournalEntry[] = [];
    const damage: JournalDamage[] = [];
    const segments: Segment[] = [];
    for (const name of names) {
      const file = path.join(folder, name);
      const bytes = await fs.readFile(file);
      const text = bytes.toString('utf8');
      const end = text.lastIndexOf('\n') + 1;
      if (end < text.length && !options.readOnly) {
        // Byte length of the complete lines: the text may hold multi-byte characters.
        await fs.truncate(file, Buffer.byteLength(text.slice(0, end)));
      }
      const firstSeq = Number(SEGMENT.exec(name)?.[1]);
      let lastSeq = firstSeq - 1;
      const lines = text.slice(0, end).split('\n');
      lines.pop();
      lines.forEach((line, i) => {
        const entry = decodeLine(line);
        if (!entry) {
          damage.push({ file, line: i + 1, why: line.length > 17 ? 'checksum' : 'unreadable' });
          return;
        }
        entries.push(entry);
        lastSeq = Math.max(lastSeq, entry.seq);
      });
      segments.push({ file, firstSeq, lastSeq, bytes: Buffer.byteLength(text.slice(0, end)) });
    }
    entries.sort((a, b) => a.seq - b.seq);
    return { journal: new Journal(folder, segments, options.readOnly), entries, damage };
  }

  /** Bytes in the journal (all segments): how much a checkpoint would let go. */
  get bytes(): number {
    return this.segments.reduce((n, s) => n + s.bytes, 0);
  }

  /** The oldest change set the journal still holds (its seq), or null when it is empty. */
  get oldestSeq(): number | null {
    const first = this.segments.find((s) => s.lastSeq >= s.firstSeq);
    return first ? first.firstSeq : null;
  }

  /** Appends and flushes; resolves only once the entry is on disk. */
  append(entry: JournalEntry): Promise<void> {
    const line = encodeEntry(entry);
    const run = async () => {
      if (this.readOnly) throw new Error('The journal is read-only.');
      const segment = await this.current(entry.seq);
      const handle = await this.openHandle(segment);
      await handle.write(line);
      await handle.datasync();
      segment.bytes += Buffer.byteLength(line);
      segment.lastSeq = entry.seq;
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /**
   * Starts a new segment for the change sets after `seq`: the ones before can be let go together once the
   * record files (and the search-index cache) hold them.
   */
  rotate(nextSeq: number): Promise<void> {
    const run = async () => {
      const last = this.segments.at(-1);
      if (!last || last.lastSeq < last.firstSeq) return;
      await this.handle?.close();
      this.handle = null;
      this.segments.push({
        file: this.segmentFile(nextSeq),
        firstSeq: nextSeq,
        lastSeq: nextSeq - 1,
        bytes: 0,
      });
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Deletes whole segments whose change sets are all at or below `seq`; never the one being written. */
  dropThrough(seq: number): Promise<void> {
    const run = async () => {
      while (this.segments.length > 1) {
        const first = this.segments[0];
        if (!first || first.lastSeq > seq) break;
        await fs.rm(first.file, { force: true });
        this.segments.shift();
      }
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle?.close();
    this.handle = null;
  }

  private async current(seq: number): Promise<Segment> {
    const last = this.segments.at(-1);
    if (last) return last;
    await fs.mkdir(this.folder, { recursive: true });
    const segment: Segment = { file: this.segmentFile(seq), firstSeq: seq, lastSeq: seq - 1, bytes: 0 };
    this.segments.push(segment);
    return segment;
  }

  private async openHandle(segment: Segment): Promise<fs.FileHandle> {
    if (this.handle) return this.handle;
    const created = !(await exists(segment.file));
    this.handle = await fs.open(segment.file, 'a');
    // A new file's name must be durable before its first entry counts as written.
    if (created) await fsyncDir(this.folder);
    return this.handle;
  }

  private segmentFile(firstSeq: number): string {
    return path.join(this.folder, `${String(firstSeq).padStart(12, '0')}.log`);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
