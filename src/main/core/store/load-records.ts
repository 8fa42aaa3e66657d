// Reading the records at open: every record file, checked record by record; damage set aside byte for byte in
// .quarantine/ and what can be saved kept (salvaged lines first, then the same records from the newest backup);
// then the journal replayed on top. Every loss and every repair becomes a notice in words.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readFileIfExists } from './atomic-file';
import { Journal, type JournalDamage, type JournalEntry } from './journal';
import { quarantine } from './quarantine';
import { RECORDS_DIR, readRecordFile, recordFileName } from './record-files';
import { RecordSet, shardKey } from './record-set';
import {
  recordKinds,
  recordSchemas,
  shardCounts,
  shardOf,
  type RecordKind,
  type RecordTypes,
} from './records';
import type { Snapshots } from './snapshots';
import { displayTime } from './stamps';

export interface LoadContext {
  dir: string;
  now: () => Date;
  snapshots: Snapshots;
  readOnly: boolean;
  /** From notebook.json: how many records each file held at the last checkpoint. */
  checkpoint: { seq: number; counts: Record<string, number> } | null;
}

export interface LoadedRecords {
  records: RecordSet;
  seq: number;
  journal: Journal;
  entries: JournalEntry[];
  notices: string[];
  /** Record files that were damaged or missing: rewritten from what was recovered at the next checkpoint. */
  repaired: string[];
  /**
   * Record files the journal changed on top of (shard keys): they must be written by the next checkpoint, which
   * lets the journal go, even when the session itself never touches them.
   */
  replayed: string[];
}

const nouns: Record<RecordKind, [string, string]> = {
  article: ['article', 'articles'],
  tag: ['tag', 'tags'],
  highlight: ['highlight', 'highlights'],
  note: ['note', 'notes'],
  trash: ['item in the Trash', 'items in the Trash'],
};
const count = (n: number, kind: RecordKind) => `${n} ${nouns[kind][n === 1 ? 0 : 1]}`;

export async function loadRecords(ctx: LoadContext): Promise<LoadedRecords> {
  const records = new RecordSet();
  const shardSeqs = new Map<string, number>();
  const notices: string[] = [];
  const repaired: string[] = [];
  for (const kind of recordKinds) {
    for (let shard = 0; shard < shardCounts[kind]; shard++) {
      const outcome = await loadShard(ctx, kind, shard, records);
      shardSeqs.set(shardKey(kind, shard), outcome.seq);
      if (outcome.notice) {
        notices.push(outcome.notice);
        repaired.push(shardKey(kind, shard));
      }
    }
  }

  const { journal, entries, damage } = await Journal.open(ctx.dir, { readOnly: ctx.readOnly });
  if (damage.length > 0) notices.push(await journalNotice(ctx, damage));
  else {
    const lost = missingChanges(entries, ctx.checkpoint?.seq ?? 0);
    if (lost) notices.push(lost);
  }
  let seq = Math.max(ctx.checkpoint?.seq ?? 0, ...shardSeqs.values());
  const replayed = new Set<string>();
  for (const entry of entries) {
    for (const key of replay(records, shardSeqs, entry)) replayed.add(key);
    seq = Math.max(seq, entry.seq);
  }
  return { records, seq, journal, entries, notices, repaired, replayed: [...replayed] };
}

/**
 * Every change after the last checkpoint must be in the journal (only what a checkpoint holds is let go): a gap
 * means a journal file went missing.
 */
function missingChanges(entries: JournalEntry[], checkpointSeq: number): string | null {
  let expected = checkpointSeq + 1;
  const gaps: string[] = [];
  for (const e of entries) {
    if (e.seq < expected) continue;
    if (e.seq > expected) gaps.push(e.seq - 1 === expected ? `${expected}` : `${expected}–${e.seq - 1}`);
    expected = e.seq + 1;
  }
  if (gaps.length === 0) return null;
  return (
    `Part of the journal is missing (change ${gaps.join(', ')}); what those changes did may be missing from ` +
    'the notebook. Everything else was kept.'
  );
}

/** Applies the entry's changes to the records whose file does not hold them yet; returns those files' keys. */
function replay(records: RecordSet, shardSeqs: Map<string, number>, entry: JournalEntry): string[] {
  const changed: string[] = [];
  for (const put of entry.puts) {
    const kind = put.kind;
    if (!recordKinds.includes(kind)) continue;
    const holder = put.after ?? records.get(kind, put.id);
    if (!holder) continue;
    const key = shardKey(kind, shardOf(kind, holder));
    if (entry.seq <= (shardSeqs.get(key) ?? 0)) continue;
    const after = put.after === null ? null : recordSchemas[kind].safeParse(put.after);
    if (after && !after.success) continue;
    records.set(kind, put.id, after ? (after.data as RecordTypes[typeof kind]) : null);
    changed.push(key);
  }
  return changed;
}

async function loadShard(
  ctx: LoadContext,
  kind: RecordKind,
  shard: number,
  records: RecordSet,
): Promise<{ seq: number; notice: string | null }> {
  const name = recordFileName(kind, shard);
  const file = path.join(ctx.dir, RECORDS_DIR, name);
  const expected = ctx.checkpoint?.counts[shardKey(kind, shard)] ?? 0;
  const bytes = await readFileIfExists(file);
  if (bytes === null) {
    if (expected === 0) return { seq: 0, notice: null };
    const backup = await newestBackup(ctx, kind, shard);
    for (const r of backup?.records ?? []) records.set(kind, r.id, r);
    const restored = backup
      ? `Quire restored ${count(backup.records.length, kind)} from the backup of ${displayTime(backup.time)}`
      : 'there is no backup of it';
    const missing = expected - (backup?.records.length ?? 0);
    return {
      seq: backup?.seq ?? 0,
      notice:
        `The record file ${RECORDS_DIR}/${name} is missing; ${restored}.` +
        (missing > 0 ? ` ${count(missing, kind)} may be missing.` : '') +
        (backup ? ` Changes made to them after ${displayTime(backup.time)} may be missing.` : ''),
    };
  }

  const read = readRecordFile(kind, bytes.toString('utf8'));
  for (const r of read.records) records.set(kind, r.id, r);
  if (!read.broken) return { seq: read.header?.seq ?? 0, notice: null };

  // Damaged: keep the exact bytes, then fill in what the file lost from the newest backup that has it.
  const setAside = ctx.readOnly
    ? null
    : await quarantine(ctx.dir, `${RECORDS_DIR}-${name}`, bytes, ctx.now());
  const saved = new Set(read.records.map((r) => r.id));
  const backup = await newestBackup(ctx, kind, shard);
  let restored = 0;
  for (const r of backup?.records ?? []) {
    if (saved.has(r.id)) continue;
    records.set(kind, r.id, r);
    restored++;
  }
  const known = read.records.length + restored;
  const sameCheckpoint = read.header !== null && read.header.seq === ctx.checkpoint?.seq;
  const missing = sameCheckpoint ? Math.max(0, expected - known) : null;
  const parts = [
    `The record file ${RECORDS_DIR}/${name} was damaged` +
      (setAside
        ? ` and has been set aside in .quarantine/${path.basename(setAside)}`
        : ' (left untouched: read-only)') +
      '.',
    `${count(read.records.length, kind)} were saved from it` +
      (restored > 0 && backup
        ? `; ${count(restored, kind)} were restored from the backup of ${displayTime(backup.time)}`
        : '') +
      '.',
  ];
  if (missing !== null && missing > 0) parts.push(`${count(missing, kind)} may be missing.`);
  else if (missing === null && read.damaged > 0)
    parts.push(`Up to ${count(read.damaged, kind)} may be missing or older than they were.`);
  return {
    // Without a readable header the journal is replayed from its start: replaying what a file already holds
    // changes nothing.
    seq: read.header?.seq ?? 0,
    notice: parts.join(' '),
  };
}

async function newestBackup<K extends RecordKind>(
  ctx: LoadContext,
  kind: K,
  shard: number,
): Promise<{ records: RecordTypes[K][]; seq: number; time: Date } | null> {
  for (const snapshot of await ctx.snapshots.list()) {
    const bytes = await readFileIfExists(path.join(snapshot.dir, RECORDS_DIR, recordFileName(kind, shard)));
    if (bytes === null) continue;
    const read = readRecordFile(kind, bytes.toString('utf8'));
    if (read.broken) continue;
    return { records: read.records, seq: read.header?.seq ?? 0, time: snapshot.time };
  }
  return null;
}

async function journalNotice(ctx: LoadContext, damage: JournalDamage[]): Promise<string> {
  const files = [...new Set(damage.map((d) => d.file))];
  const copies: string[] = [];
  if (!ctx.readOnly) {
    for (const file of files) {
      const bytes = await fs.readFile(file).catch(() => null);
      if (bytes)
        copies.push(
          path.basename(await quarantine(ctx.dir, `journal-${path.basename(file)}`, bytes, ctx.now())),
        );
    }
  }
  const where = files.map((f) => path.relative(ctx.dir, f)).join(', ');
  return (
    `The journal (${where}) has ${damage.length} damaged ${damage.length === 1 ? 'entry' : 'entries'}` +
    ` (line ${damage.map((d) => d.line).join(', ')}); the ${damage.length === 1 ? 'change' : 'changes'} recorded there may be missing.` +
    (copies.length ? ` A copy is in .quarantine/${copies.join(', ')}.` : '')
  );
}
