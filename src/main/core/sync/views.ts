// What sync shows: plain data shared by the core, the API contract and the renderer (no imports, nothing to run).

/** Where sync stands. `waiting`: changes made here that the server has not got yet. */
export type SyncStatus =
  | { state: 'off' }
  | { state: 'syncing'; waiting: number }
  | { state: 'synced'; at: string | null }
  | { state: 'waiting'; waiting: number }
  | { state: 'offline'; waiting: number; reason: string }
  | { state: 'auth-failed'; waiting: number; reason: string }
  | { state: 'error'; waiting: number; reason: string };

export interface SyncView {
  shared: boolean;
  server: string | null;
  db: string | null;
  /** The researcher's name in this notebook. */
  author: string | null;
  status: SyncStatus;
  /** The status in words, as the top bar shows it. */
  words: string;
  /** Conflicts to settle (both versions kept meanwhile). */
  conflicts: number;
}

export interface ConflictVersion {
  rev: string;
  /** The record as this version has it; null for a deletion. */
  record: unknown;
  /** Who wrote this version (its `updatedBy`), when known. */
  by: string | null;
  /** The version the notebook shows (CouchDB's deterministic winner). */
  current: boolean;
}

export interface Conflict {
  docId: string;
  kind: 'article' | 'tag' | 'highlight' | 'note' | 'trash';
  id: string;
  /** What the researcher calls the record. */
  title: string;
  /** `edited`: two versions written apart; `deleted`: removed on one side, changed on the other (it was kept). */
  type: 'edited' | 'deleted';
  versions: ConflictVersion[];
  /** For notes: both versions merged line by line, when that is clean (no line changed on both sides). */
  merged: string | null;
  /** Where two versions' texts differ (a note's body, a highlight's memo): what the merge editor starts from. */
  draft: MergeDraft | null;
}

/** Two versions' texts merged line by line against the one they started from, for the researcher to finish. */
export interface MergeDraft {
  /** The record's text being merged: a note's `body`, a highlight's `memo`. */
  field: 'body' | 'memo';
  /** The merge; where both changed the same lines, both versions stand between `<<<<<<< name` … `>>>>>>> name`. */
  text: string;
  /** How many stretches are marked (0: a clean merge). */
  conflicts: number;
}

/** A coder of the notebook and how many highlights they made; `name` null: made before it was shared. */
export interface CoderCount {
  name: string | null;
  highlights: number;
}

export interface AgreementCell {
  /** Characters coded by both, by the first only, by the second only, by neither. */
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
  /** Share of characters on which the coders agree, 0..1. */
  percent: number;
  /** Cohen's kappa; 1 when they agree on every character. */
  kappa: number;
}

export interface Disagreement {
  documentId: string;
  codeId: string;
  start: number;
  end: number;
  /** Which coder coded these characters (the other did not). */
  codedBy: 'a' | 'b';
}

export interface AgreementReport {
  overall: AgreementCell;
  byCode: { codeId: string; cell: AgreementCell }[];
  disagreements: Disagreement[];
}

/** The agreement report as the Compare coders view shows it: with names and the disagreeing text. */
export interface AgreementView extends AgreementReport {
  coders: { a: string; b: string };
  codes: { id: string; name: string }[];
  documents: { id: string; title: string }[];
  /** The text of each disagreement, in the order of `disagreements`. */
  texts: string[];
}
