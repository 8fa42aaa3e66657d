// The record files (`store/<kind>-<nn>.json`): a checkpoint of one shard of one kind of record, as of a journal
// position. Each record sits on its own line with a checksum of its JSON, so damage is detected record by record
// (a garbled byte inside a string included) and everything undamaged can be salvaged from a broken file.
//
//   {"format":"quire-records","version":1,"kind":"note","shard":3,"seq":120,"records":[
//   {"sum":"0f3a…","record":{…}},
//   …
//   ]}
import { checksum } from './journal';
import { recordSchemas, type RecordKind, type RecordTypes } from './records';

export const RECORDS_DIR = 'store';
export const RECORD_FILES_VERSION = 1;
const FORMAT = 'quire-records';

export interface RecordFileHeader {
  kind: RecordKind;
  shard: number;
  /** The journal position the file reflects: change sets after it are replayed on top. */
  seq: number;
  version: number;
}

export function recordFileName(kind: RecordKind, shard: number): string {
  return `${kind}-${String(shard).padStart(2, '0')}.json`;
}

const fileNamePattern = /^(article|tag|highlight|note|trash)-(\d{2})\.json$/;
export function parseRecordFileName(name: string): { kind: RecordKind; shard: number } | null {
  const m = fileNamePattern.exec(name);
  if (!m?.[1] || !m[2]) return null;
  return { kind: m[1] as RecordKind, shard: Number(m[2]) };
}

export function serializeRecordFile<K extends RecordKind>(
  kind: K,
  shard: number,
  seq: number,
  records: Iterable<RecordTypes[K]>,
): string {
  const header = JSON.stringify({ format: FORMAT, version: RECORD_FILES_VERSION, kind, shard, seq });
  const lines: string[] = [];
  for (const record of records) {
    const json = JSON.stringify(record);
    lines.push(`{"sum":"${checksum(json)}","record":${json}}`);
  }
  return `${header.slice(0, -1)},"records":[\n${lines.join(',\n')}\n]}\n`;
}

export interface ReadRecordFile<K extends RecordKind> {
  /** Null when even the first line is unreadable. */
  header: RecordFileHeader | null;
  records: RecordTypes[K][];
  /** Lines that held a record but failed their checksum, did not parse, or are not a valid record. */
  damaged: number;
  /** The header is unreadable, the file ends early, or lines are damaged: `records` is what could be saved. */
  broken: boolean;
}

/**
 * Reads a record file, line by line, keeping every record whose checksum and shape are right. Never throws
 * for bad content: the caller decides what to do with damage.
 */
export function readRecordFile<K extends RecordKind>(kind: K, text: string): ReadRecordFile<K> {
  const lines = text.split('\n');
  const header = parseHeader(lines[0] ?? '');
  const schema = recordSchemas[kind];
  const records: RecordTypes[K][] = [];
  let damaged = 0;
  for (let i = 1; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line === ']}' || line === '') continue;
    if (line.endsWith(',')) line = line.slice(0, -1);
    const entry = parseEntry(line);
    const parsed = entry && entry.sum === checksum(entry.json) ? schema.safeParse(entry.record) : null;
    if (parsed?.success) records.push(parsed.data);
    else damaged++;
  }
  const valid = header?.kind === kind ? header : null;
  const complete = text.endsWith(']}\n') || text.endsWith(']}');
  return { header: valid, records, damaged, broken: valid === null || !complete || damaged > 0 };
}

function parseHeader(line: string): RecordFileHeader | null {
  try {
    const value = JSON.parse(`${line}]}`) as Partial<RecordFileHeader> & { format?: unknown };
    if (value.format !== FORMAT || typeof value.kind !== 'string') return null;
    if (!Number.isSafeInteger(value.seq) || !Number.isSafeInteger(value.shard)) return null;
    return {
      kind: value.kind,
      shard: value.shard ?? 0,
      seq: value.seq ?? 0,
      version: typeof value.version === 'number' ? value.version : 0,
    };
  } catch {
    return null;
  }
}

/** `{"sum":"…","record":{…}}` → the checksum and the record's JSON text exactly as written. */
function parseEntry(line: string): { sum: string; json: string; record: unknown } | null {
  const prefix = '{"sum":"';
  if (!line.startsWith(prefix) || !line.endsWith('}')) return null;
  const sum = line.slice(prefix.length, prefix.length + 16);
  const rest = line.slice(prefix.length + 16);
  const mid = '","record":';
  if (!rest.startsWith(mid)) return null;
  const json = rest.slice(mid.length, -1);
  try {
    return { sum, json, record: JSON.parse(json) };
  } catch {
    return null;
  }
}
