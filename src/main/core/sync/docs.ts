// How notebook records become CouchDB documents and back: one document per record, named `<kind>:<id>`, holding
// the record as it is stored. Article texts and original files travel as attachments of their own documents named
// by content hash (`body:<key>`, `source:<sha256>`): immutable, so each is sent once and never conflicts.
import { recordKinds, recordSchemas, type RecordKind, type RecordTypes } from '../store/records';

export type RecordDocId = `${RecordKind}:${string}`;

export function recordDocId(kind: RecordKind, id: string): RecordDocId {
  return `${kind}:${id}`;
}

export const bodyDocId = (key: string): string => `body:${key}`;
export const sourceDocId = (hash: string): string => `source:${hash}`;

/** The kind and id a record document names, or null for any other document. */
export function parseRecordDocId(docId: string): { kind: RecordKind; id: string } | null {
  const colon = docId.indexOf(':');
  if (colon < 1) return null;
  const kind = docId.slice(0, colon);
  const id = docId.slice(colon + 1);
  if (!(recordKinds as readonly string[]).includes(kind) || id === '') return null;
  return { kind: kind as RecordKind, id };
}

/** The record a document holds, checked like a record read from disk; null when it does not hold a valid one. */
export function recordFromDoc<K extends RecordKind>(
  kind: K,
  id: string,
  doc: { record?: unknown },
): RecordTypes[K] | null {
  const parsed = recordSchemas[kind].safeParse(doc.record);
  if (!parsed.success || parsed.data.id !== id) return null;
  return parsed.data;
}

/** Key-order-independent JSON, so the same record always compares (and hashes) the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return false;
  return canonicalJson(a) === canonicalJson(b);
}
