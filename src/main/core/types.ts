// Domain types shared by the core, the API contract and the renderer.
// Plain data only: everything here crosses IPC / HTTP as JSON.

export type ArticleFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx' | 'epub';

export type PassageKind = 'paragraph' | 'heading' | 'quote' | 'list';

/** A paragraph-level slice of an article's canonical text. `text === article.text.slice(start, end)`. */
export interface Passage {
  /** Stable id: derived from the passage text and its occurrence, so re-extraction keeps it. */
  id: string;
  kind: PassageKind;
  start: number;
  end: number;
}

/** Metadata as extracted (or later edited). Unknown values are null, never invented. */
export interface ArticleMetadata {
  title: string;
  author: string | null;
  /** ISO date `YYYY-MM-DD` or null. */
  published: string | null;
  source: string | null;
  url: string | null;
  language: string | null;
}

export type MetadataField = keyof ArticleMetadata;
export const metadataFields = [
  'title',
  'author',
  'published',
  'source',
  'url',
  'language',
] as const satisfies readonly MetadataField[];

/**
 * A block of the original file as the extractor saw it: kept (part of the article) or dropped (site chrome),
 * with the reason, so the researcher can see what was dropped and overrule the extractor.
 */
export interface SourceBlock {
  /** Stable: derived from the block text and its occurrence, like passage ids. */
  id: string;
  text: string;
  kind: PassageKind;
  /** The extractor's verdict. */
  kept: boolean;
  /** Why it was dropped, in a few plain words ("menu", "share buttons", "related posts"); null when kept. */
  reason: string | null;
}

/** What an extractor produces from one file's bytes. Nothing here is stored yet. */
export interface Extraction extends ArticleMetadata {
  format: ArticleFormat;
  /** Canonical text: NFC, LF line endings, passages separated by a blank line. */
  text: string;
  passages: Passage[];
  /** Every block seen, in document order; the kept ones make `text` and `passages`. */
  blocks: SourceBlock[];
  /** The file states no title: `title` is a stand-in (the first line, else the file name). */
  untitled: boolean;
  /** Human sentences about things the researcher should know (e.g. "invalid UTF-8 repaired"). */
  warnings: string[];
}

/** The small per-article record kept in `articles.json` (the metadata index). */
export interface ArticleRecord extends ArticleMetadata {
  id: string;
  format: ArticleFormat;
  /** Original file name (no directories). */
  file: string;
  /** sha256 of the original bytes; the bytes live in `sources/<hash>`. */
  sourceHash: string;
  /** sha256 of the canonical text: identical content is a duplicate. */
  textHash: string;
  words: number;
  passageCount: number;
  importedAt: string;
  /** Metadata fields the researcher edited; re-extraction keeps them. */
  edits?: Partial<ArticleMetadata>;
  /** Blocks the researcher kept or dropped against the extractor's verdict, by block id. */
  blockChoices?: Record<string, 'keep' | 'drop'>;
  /** The extractor version that produced the stored text (re-extract uses the current one). */
  extractorVersion?: number;
  /** The file states no title and the researcher has not given one: `title` is a stand-in. */
  untitled?: boolean;
  /** The researcher's memo on the whole document. */
  memo?: string;
  /**
   * The stored text: `bodies/<xx>/<bodyKey>.json`, named by the sha256 of its bytes (so it is immutable and
   * self-checking, and an earlier text stays available to undo). Absent on articles stored before keys:
   * their text is `bodies/<xx>/<id>.json`.
   */
  bodyKey?: string;
  /** Who imported it, in a shared notebook (their user name). */
  importedBy?: string;
  /** Who changed its memo, metadata or blocks last, in a shared notebook. */
  updatedBy?: string;
}

/** The bulky part, sharded into its own file per article. */
export interface ArticleBody {
  id: string;
  text: string;
  passages: Passage[];
  /** All blocks the extractor saw (kept and dropped); absent in bodies written before blocks were kept. */
  blocks?: SourceBlock[];
}

/** W3C Web Annotation selectors (https://www.w3.org/TR/annotation-model/#selectors). */
export interface TextPositionSelector {
  start: number;
  end: number;
}
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Tag {
  id: string;
  /** The tag's own name (one level: "Ministry of Defence"); its path comes from its parents. */
  name: string;
  /** The tag this one sits under in the codebook, or null at the top level. */
  parentId: string | null;
  /** What the code means, when to apply it, an example: the codebook entry. */
  description: string;
  /** Position among its siblings when the researcher has ordered them by hand (lower first). */
  order: number;
  /** CSS colour, `#rrggbb`. */
  color: string;
  /** The researcher's thinking about the code (a code memo). */
  memo: string;
  createdAt: string;
  /** Who wrote it first, in a shared notebook (their user name). */
  author?: string;
  /** Who changed it last, in a shared notebook. */
  updatedBy?: string;
}

export interface Highlight {
  id: string;
  articleId: string;
  /** The passage where the highlight starts. */
  passageId: string;
  tagIds: string[];
  position: TextPositionSelector;
  quote: TextQuoteSelector;
  memo: string;
  createdAt: string;
  /** True when re-anchoring could not find the quote any more; shown to the user, never dropped. */
  orphaned: boolean;
  /** Who wrote it first, in a shared notebook (their user name). */
  author?: string;
  /** Who changed it last, in a shared notebook. */
  updatedBy?: string;
}

export interface Note {
  id: string;
  title: string;
  /** Markdown. Links: `[[Other note]]`; citations: see notes/citations.ts. */
  body: string;
  createdAt: string;
  updatedAt: string;
  /** Who wrote it first, in a shared notebook (their user name). */
  author?: string;
  /** Who changed it last, in a shared notebook. */
  updatedBy?: string;
}

/** Something deleted, kept restorable with everything that went with it. */
export interface TrashEntry {
  /** The id of the deleted note, article or tag. */
  id: string;
  kind: 'note' | 'article' | 'tag';
  /** What the researcher called it, for the Trash view. */
  title: string;
  deletedAt: string;
  note?: Note;
  article?: ArticleRecord;
  tag?: Tag;
  /** Highlights removed with it (an article's, or a tag's when deleted with its highlights). */
  highlights: Highlight[];
  /** Highlights that only lost the tag (a tag deleted without its highlights): their ids, to give it back. */
  untagged: string[];
}

/** Every kind of record a notebook holds; every change to a notebook is a change to some of these. */
export interface RecordTypes {
  article: ArticleRecord;
  tag: Tag;
  highlight: Highlight;
  note: Note;
  trash: TrashEntry;
}
export type RecordKind = keyof RecordTypes;

/** One record's change: its state before and after (null: absent). */
export type Change = {
  [K in RecordKind]: { kind: K; id: string; before: RecordTypes[K] | null; after: RecordTypes[K] | null };
}[RecordKind];

/**
 * What started a change: the researcher, undo/redo of theirs, Quire itself (repairs, trash expiry), or another
 * member of a shared notebook (arrived by replication; not an undo step here).
 */
export type ChangeOrigin = 'user' | 'undo' | 'redo' | 'system' | 'remote';

/**
 * Something the researcher must hear about the notebook itself (a damaged file set aside, records restored from a
 * backup, what may be missing). Kept in the notebook and shown on every surface until they acknowledge it.
 */
export interface NotebookNotice {
  id: string;
  at: string;
  message: string;
}

export interface NotebookInfo {
  name: string;
  path: string;
  readOnly: boolean;
  /** Why the notebook is read-only (newer format, open elsewhere), or null. */
  readOnlyReason: string | null;
  /** Unacknowledged notices about the notebook's files, oldest first. */
  notices: NotebookNotice[];
  articleCount: number;
  noteCount: number;
  tagCount: number;
  /** Changes committed to this notebook so far: the position of its journal. */
  seq: number;
}
