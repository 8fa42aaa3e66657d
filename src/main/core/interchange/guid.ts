import { createHash } from 'node:crypto';

/**
 * A stable GUID for a Quire record (REFI-QDA identifies everything by GUID): the same record gets the same GUID
 * on every export, so another tool sees a re-export as the same project, not a new one. Name-based, shaped as
 * an RFC 4122 version 5 UUID.
 */
export function guidFor(kind: string, id: string): string {
  const h = createHash('sha1').update(`quire:${kind}:${id}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** GUIDs compare without braces and case (`{ABC…}` and `abc…` are the same). */
export const guidKey = (guid: string): string => guid.replace(/[{}]/g, '').trim().toLowerCase();
