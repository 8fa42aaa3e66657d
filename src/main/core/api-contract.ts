// THE contract between the UI (and CLI) and the core: every operation, its input schema and its result type.
// Adding a feature = one schema + one output type here, one handler in api.ts. Both transports
// (Electron IPC, browser-mode HTTP) and the CLI pick it up from this table.
import { z } from 'zod';
import { citationStyleIds } from './references/style-list';
import { metadataFields } from './types';
import type { CodedSegments, CodeDocumentMatrix, CodesOverTime, CooccurrenceMatrix } from './codebook/types';
import type { EmbedView, GraphData, LinkSuggestion, NoteLinks } from './notes/note-views';
import type { AgreementView, CoderCount, Conflict, SyncView } from './sync/views';
import type {
  ArticleFormat,
  ArticleRecord,
  ChangeOrigin,
  Highlight,
  MetadataField,
  Note,
  NotebookInfo,
  Passage,
  RecordKind,
  RecordTypes,
  SourceBlock,
  Tag,
  TrashEntry,
} from './types';

export type {
  CodedSegment,
  CodedSegments,
  CodeDocumentMatrix,
  CodesOverTime,
  CooccurrenceMatrix,
  DocumentColumn,
  MatrixRow,
  TimeSeries,
} from './codebook/types';

const id = z.string().min(1).max(200);
const text = (max: number) => z.string().max(max);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #3366cc');
const none = z.object({}).strict();
const ids = (max: number) => z.array(id).max(max);
/** YYYY, YYYY-MM or YYYY-MM-DD. */
const dateBound = z
  .string()
  .regex(/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/, 'a date like 2017, 2017-06 or 2017-06-24')
  .nullable()
  .optional();

/** What coded segments (and the pictures) can be narrowed to, besides their tags. */
export const segmentFilterSchema = z
  .object({
    articleIds: ids(100_000).optional(),
    /** Exactly this outlet (case and accents aside); null: no known source. */
    sources: z.array(text(500).nullable()).max(1000).optional(),
    authors: z.array(text(500).nullable()).max(1000).optional(),
    /** Made by these coders (team notebooks); null: highlights made before the notebook was shared. */
    coders: z.array(text(120).nullable()).max(1000).optional(),
    from: dateBound,
    to: dateBound,
    /** The segment's memo contains this. */
    memo: text(500).optional(),
  })
  .strict();
/** Rows of a picture: these tags in this order (none: all); a row counts its sub-tags' segments too. */
const pictureRows = {
  tagIds: ids(1000).optional(),
  includeChildren: z.boolean().default(true),
  filter: segmentFilterSchema.default({}),
};
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-22');
const localTime = z.string().regex(/^\d{2}:\d{2}$/, 'a time like 09:30');

/** An uploaded file (browser mode, drag-and-drop): name plus base64 bytes. */
export const uploadedFileSchema = z.object({
  /** Relative path inside a dropped folder, or the plain file name. */
  name: text(1000).min(1),
  data: z.string().max(140_000_000),
});

/** The formats everything a researcher makes can leave in (`quire export <format>`). */
export const exportFormats = [
  'obsidian',
  'markdown',
  'csv',
  'xlsx',
  'qdpx',
  'qdc',
  'bibtex',
  'csljson',
] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** A file to import: a path (desktop, CLI) or its bytes (browser mode). */
const importFileSchema = z.union([
  z.object({ path: text(4096).min(1) }).strict(),
  uploadedFileSchema.strict(),
]);

const exportOptionsShape = {
  format: z.enum(exportFormats),
  /**
   * Which articles: those with highlights or cited in a note ('used', the vault's default), all, the ones in
   * `articleIds`, or those cited in the notes in `noteIds`.
   */
  articles: z.enum(['used', 'all', 'selected', 'cited']).optional(),
  articleIds: z.array(id).max(100_000).default([]),
  noteIds: z.array(id).max(100_000).default([]),
  /** How citations in notes read (CSL style). */
  style: z.enum(citationStyleIds).default('chicago-author-date'),
  /** Who coded (the REFI-QDA user, the spreadsheets' coder column); the system's user name by default. */
  coder: text(200).optional(),
};

export const apiSchemas = {
  notebookInfo: none,
  notebookOpen: z.object({ path: text(4096).min(1), create: z.boolean().default(false) }).strict(),
  notebookRecent: none,
  /** The researcher has read these notices: they stop being shown everywhere. */
  notebookAcknowledge: z.object({ ids: z.array(id).min(1).max(1000) }).strict(),

  importPaths: z.object({ paths: z.array(text(4096).min(1)).min(1).max(10_000) }).strict(),
  importFiles: z.object({ files: z.array(uploadedFileSchema).min(1).max(500) }).strict(),
  importCancel: none,

  articleList: none,
  articleGet: z.object({ id }).strict(),
  articleDelete: z.object({ id }).strict(),
  /** Set a field to a value, or to null for "unknown"; omitted fields are left as they are. */
  articleUpdateMeta: z
    .object({
      id,
      title: text(500).trim().min(1).optional(),
      author: text(500).trim().nullable().optional(),
      published: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2017-06-24')
        .nullable()
        .optional(),
      source: text(500).trim().nullable().optional(),
      url: text(4000)
        .trim()
        .refine(
          (u) => u === '' || /^(https?:\/\/|mailto:)/i.test(u),
          'a web address starting with https:// or http://',
        )
        .nullable()
        .optional(),
      language: text(35).trim().nullable().optional(),
      /** Fields to hand back to the extractor (forget the researcher's edit). */
      reset: z.array(z.enum(metadataFields)).max(metadataFields.length).default([]),
    })
    .strict(),
  articleOriginal: z.object({ id }).strict(),
  articleSetBlock: z.object({ id, blockId: id, keep: z.boolean() }).strict(),
  articleReextract: z.object({ id }).strict(),
  /** The researcher's memo on the whole document. */
  articleSetMemo: z.object({ id, memo: text(100_000) }).strict(),
  /** Codes whole articles: each gets (or extends) a highlight over its entire text. */
  articleBulkTag: z
    .object({
      ids: ids(100_000).min(1),
      tagIds: ids(50).default([]),
      tagNames: z.array(text(120).trim().min(1)).max(50).default([]),
    })
    .strict(),
  /** Many articles into the Trash at once (one undo step). */
  articleBulkDelete: z.object({ ids: ids(100_000).min(1) }).strict(),

  search: z
    .object({
      query: text(2000),
      limit: z.number().int().min(1).max(1000).default(50),
      offset: z.number().int().min(0).max(1_000_000).default(0),
      /** Passages per article or note, best first (each group's `hitTotal` says how many match). */
      hits: z.number().int().min(1).max(1000).default(3),
      /** Only this article, note or memo: every one of its matching passages reachable. */
      within: z
        .object({ kind: z.enum(['article', 'note', 'memo']), id })
        .strict()
        .optional(),
    })
    .strict(),
  switcher: z.object({ query: text(500), limit: z.number().int().min(1).max(200).default(20) }).strict(),

  tagList: none,
  /** A new tag, at the top level or under `parentId` (last among its siblings). */
  tagCreate: z
    .object({ name: text(120).trim().min(1), color: color.optional(), parentId: id.nullable().optional() })
    .strict(),
  /**
   * Rename, recolour, describe, write its memo, or move it: under `parentId` (null: the top level) and/or before
   * the sibling `before` (null: last). Renaming onto an existing name is a CONFLICT: merge with `tagMerge`.
   */
  tagUpdate: z
    .object({
      id,
      name: text(120).trim().min(1).optional(),
      color: color.optional(),
      memo: text(20_000).optional(),
      description: text(20_000).optional(),
      parentId: id.nullable().optional(),
      before: id.nullable().optional(),
    })
    .strict(),
  /** Folds the tags `ids` into `into` (their highlights, memos and sub-tags go with them). */
  tagMerge: z.object({ ids: ids(1000).min(1), into: id }).strict(),
  /** Moves the chosen highlights of a tag to a new tag called `name`, beside it in the codebook. */
  tagSplit: z.object({ id, highlightIds: ids(100_000).min(1), name: text(120).trim().min(1) }).strict(),
  /**
   * Into the Trash; `withHighlights` also removes the passages coded with this tag alone. Its sub-tags move up one
   * level.
   */
  tagDelete: z.object({ id, withHighlights: z.boolean().default(false) }).strict(),
  /** The tag's passages; with `includeChildren`, also those of the tags under it. */
  tagPassages: z.object({ id, includeChildren: z.boolean().default(false) }).strict(),

  /** Coded segments: tags combined (any of, all of, none of, overlap A with B) and filters. */
  codedSegments: z
    .object({
      anyOf: ids(1000).default([]),
      allOf: ids(1000).default([]),
      noneOf: ids(1000).default([]),
      /** Segments of A that overlap (or fall inside) a segment of B. */
      overlap: z
        .object({ a: ids(1000).min(1), b: ids(1000).min(1) })
        .strict()
        .nullable()
        .default(null),
      includeChildren: z.boolean().default(true),
      filter: segmentFilterSchema.default({}),
      limit: z.number().int().min(1).max(5000).default(500),
      offset: z.number().int().min(0).max(1_000_000).default(0),
    })
    .strict(),
  /** Code × document: segments per tag and article (or source). */
  codeMatrix: z
    .object({
      by: z.enum(['article', 'source']).default('source'),
      ...pictureRows,
      maxColumns: z.number().int().min(1).max(500).default(40),
    })
    .strict(),
  /** Code co-occurrence: segments of each tag overlapping a segment of each other tag. */
  codeCooccurrence: z.object(pictureRows).strict(),
  /** Segments per tag and month published. */
  codesOverTime: z.object(pictureRows).strict(),

  highlightCreate: z
    .object({
      articleId: id,
      start: z.number().int().min(0),
      end: z.number().int().min(1),
      /** Existing tag ids and/or names; unknown names are created. */
      tagIds: z.array(id).max(50).default([]),
      tagNames: z.array(text(120).trim().min(1)).max(50).default([]),
    })
    .strict()
    .refine((v) => v.end > v.start, { message: 'the selection is empty' }),
  /** `tagIds` replaces the highlight's tags; `tagNames` adds tags by name (unknown names are created). */
  highlightUpdate: z
    .object({
      id,
      tagIds: z.array(id).max(50).optional(),
      tagNames: z.array(text(120).trim().min(1)).max(50).default([]),
      memo: text(20_000).optional(),
    })
    .strict(),
  highlightDelete: z.object({ id }).strict(),

  noteList: none,
  noteGet: z.object({ id }).strict(),
  noteFindByTitle: z.object({ title: text(300) }).strict(),
  noteCreate: z.object({ title: text(300).trim().min(1), body: text(5_000_000).default('') }).strict(),
  noteUpdate: z.object({ id, body: text(5_000_000) }).strict(),
  noteRename: z.object({ id, title: text(300).trim().min(1) }).strict(),
  noteDelete: z.object({ id }).strict(),
  citationFor: z.object({ highlightId: id }).strict(),
  /** What `[[query` may link to: notes, articles, tags, highlights; `Title#…` lists passages or headings. */
  linkSuggest: z.object({ query: text(500), limit: z.number().int().min(1).max(100).default(20) }).strict(),
  /** What each `![[target]]` shows (and where following `[[target]]` leads). */
  embedResolve: z.object({ targets: z.array(text(1000)).max(200) }).strict(),
  /** Around a note: where its links lead, the passages it cites, who mentions it without linking. */
  noteLinks: z.object({ id }).strict(),
  /** Links one unlinked mention (a note's, or an article's passage) to the note `id`: one commit. */
  noteLinkMention: z
    .object({
      id,
      source: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('note'), id }).strict(),
        z.object({ kind: z.literal('article'), id, passageId: id.nullable().default(null) }).strict(),
      ]),
    })
    .strict(),
  /** Notes, articles and tags as a graph; around `center` only, `depth` steps out, when given. */
  noteGraph: z
    .object({
      center: z
        .object({ kind: z.enum(['note', 'article', 'tag']), id })
        .strict()
        .optional(),
      depth: z.number().int().min(1).max(3).default(1),
    })
    .strict(),
  /** A new note from a template note; `date` and `time` are the researcher's local ones. */
  noteFromTemplate: z
    .object({ templateId: id, title: text(300).trim().min(1), date: localDate, time: localTime })
    .strict(),
  /** Opens (creating when needed) the note titled with the researcher's local date. */
  noteDaily: z.object({ date: localDate, time: localTime }).strict(),

  undo: none,
  redo: none,
  undoState: none,

  trashList: none,
  trashRestore: z.object({ id }).strict(),
  /** Deletes for good: the given entries, or everything in the Trash. */
  trashEmpty: z.object({ ids: z.array(id).max(100_000).optional() }).strict(),

  /** Team notebooks (CouchDB): where sync stands; share or join; sync now; conflicts; compare coders. */
  syncStatus: none,
  syncShare: z
    .object({
      remote: text(2000).min(1),
      db: text(240).optional(),
      username: text(200).optional(),
      password: text(1000).optional(),
      author: text(120).trim().min(1),
    })
    .strict(),
  syncNow: none,
  syncConflicts: none,
  /** Settles a conflict with the chosen or merged version (`record`; null keeps it deleted). */
  syncSettle: z.object({ docId: text(400).min(1), record: z.unknown() }).strict(),
  /** Who coded in this notebook, with how many highlights each (null: made before it was shared). */
  coderList: none,
  coderAgreement: z
    .object({
      coderA: text(120).min(1),
      coderB: text(120).min(1),
      articleIds: z.array(id).max(100_000).optional(),
      tagIds: z.array(id).max(10_000).optional(),
    })
    .strict(),
  exportMarkdown: z
    .object({ dir: text(4096).min(1), onConflict: z.enum(['ask', 'overwrite', 'keep-both']).default('ask') })
    .strict(),
  exportMarkdownZip: none,
  /**
   * Writes an export to disk: a folder for obsidian (updated in place on re-export), markdown and csv; a file for
   * the others. An existing file is a conflict unless `onConflict` says otherwise (a vault never overwrites a file
   * the researcher changed).
   */
  exportTo: z
    .object({
      ...exportOptionsShape,
      out: text(4096).min(1),
      onConflict: z.enum(['ask', 'overwrite', 'keep-both']).default('ask'),
    })
    .strict(),
  /** The same export as one download (browser mode): a zip for folder formats. */
  exportDownload: z.object(exportOptionsShape).strict(),
  /** A REFI-QDA project (.qdpx) into the current notebook, or into a new notebook at `notebookPath`. */
  importQdpx: z
    .object({
      file: importFileSchema,
      into: z.enum(['current', 'new']).default('current'),
      notebookPath: text(4096).min(1).optional(),
    })
    .strict()
    .refine((v) => v.into === 'current' || v.notebookPath !== undefined, {
      message: 'a new notebook needs a folder (notebookPath)',
    }),
  /** A REFI-QDA codebook (.qdc), merged into the codebook. */
  importQdc: z.object({ file: importFileSchema }).strict(),
  /** An Obsidian vault or a folder of Markdown files as notes: folder paths, or uploaded files / a zip. */
  importNotes: z
    .object({
      paths: z.array(text(4096).min(1)).max(100).default([]),
      files: z.array(uploadedFileSchema).max(5000).default([]),
    })
    .strict()
    .refine((v) => v.paths.length + v.files.length > 0, { message: 'choose a vault folder or files' }),
  /** BibTeX / CSL-JSON / RIS references that fill or correct article metadata (matched by URL, then title). */
  importRefs: z.object({ file: importFileSchema, fillOnly: z.boolean().default(false) }).strict(),
} as const;

export type ApiMethod = keyof typeof apiSchemas;
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiSchemas)[M]>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiSchemas)[M]>;

// ---- results ----

export interface ArticleSummary extends ArticleRecord {
  tagCount: number;
  highlightCount: number;
}

export interface PassageWithText extends Passage {
  text: string;
}

export interface ArticleView {
  article: ArticleSummary;
  text: string;
  passages: PassageWithText[];
  highlights: Highlight[];
  backlinks: Backlink[];
  /** Something the reader must say about this text, e.g. that it was repaired from the original file. */
  notice: string | null;
}

/** The original file beside what Quire kept of it. */
export interface ArticleOriginal {
  file: string;
  format: ArticleFormat;
  /** The original file decoded as text (for PDF/DOCX: the text the reader found), at most ~2 MB. */
  text: string;
  truncated: boolean;
  /** Every block the extractor saw, with its verdict and the researcher's choice applied (`kept`). */
  blocks: (SourceBlock & { extractorKept: boolean; choice: 'keep' | 'drop' | null })[];
  /** The fields the researcher edited (they survive re-extraction). */
  edited: MetadataField[];
  extractorVersion: number | null;
  currentExtractorVersion: number;
}

/** After the text of an article changed: the new view and what happened to the highlights on it. */
export interface ArticleChange {
  view: ArticleView;
  /** Highlights whose quote could no longer be found: kept, marked orphaned, shown to the user. */
  orphaned: number;
  /** Highlights that moved to a new position (found by their quote). */
  moved: number;
}

export interface Backlink {
  noteId: string;
  noteTitle: string;
  /** A line of the note around the link, for context. */
  context: string;
  kind: 'link' | 'citation';
}

/** A record as a change set left it (null: removed). Article texts never travel in events. */
export type ChangedRecord = {
  [K in RecordKind]: { kind: K; id: string; after: RecordTypes[K] | null };
}[RecordKind];

export interface CommitEvent {
  seq: number;
  label: string;
  origin: ChangeOrigin;
  records: ChangedRecord[];
  /** Fresh summaries (with counts) of the articles the change set touched. */
  articles: ArticleSummary[];
  /** New highlight counts of the tags the change set touched. */
  tagCounts: Record<string, number>;
  undo: UndoState;
  trashCount: number;
}

export interface ImportedItem {
  id: string;
  file: string;
  title: string;
  warnings: string[];
}
export interface ImportReport {
  imported: ImportedItem[];
  duplicates: { id: string; file: string }[];
  failed: { file: string; error: string }[];
  cancelled: boolean;
}

/** One matching passage of an article, or paragraph of a note. */
export interface SearchPassageHit {
  passageId: string;
  /** Offsets of the passage in the article text (or note body). */
  start: number;
  end: number;
  snippet: string;
  /** [start, end) ranges in `snippet` to highlight. */
  marks: [number, number][];
  /** The index words that matched (after typo correction); the reader marks these in the passage. */
  terms: string[];
  score: number;
}

/** Where a memo hit leads: the article (at the highlight) or the tag it was written on. */
export type MemoTarget =
  | { kind: 'article'; id: string; passageId: string | null; highlightId: string | null }
  | { kind: 'tag'; id: string };

/** Results are grouped by article (or note, or memo): best groups first, best passages first within each. */
export interface SearchGroup {
  kind: 'article' | 'note' | 'memo';
  id: string;
  title: string;
  /** Source · date for articles; "Note" for notes; what the memo is on for memos. */
  detail: string;
  /** For memos: what the memo was written on. */
  target?: MemoTarget;
  score: number;
  /** How many of its passages match; `hits` holds the best of them. */
  hitTotal: number;
  hits: SearchPassageHit[];
}

export interface SearchResponse {
  query: string;
  /** Matching groups (articles + notes). */
  total: number;
  passageTotal: number;
  groups: SearchGroup[];
  /** Typo corrections used, e.g. "fomen → fomin". */
  corrections: string[];
  /** How the query was read, in plain words (operators, phrases, filters). */
  interpretation: string;
  /** Parts of the query that could not be used as typed, and what was done instead. */
  warnings: string[];
}

export interface SwitcherItem {
  kind: 'article' | 'note' | 'tag';
  id: string;
  title: string;
  detail: string;
}

export interface TagSummary extends Tag {
  count: number;
}

export interface TaggedPassage {
  highlight: Highlight;
  articleTitle: string;
  articleSource: string | null;
}

export interface NoteSummary {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface NoteView {
  note: Note;
  backlinks: Backlink[];
  /** Titles linked with [[...]] that no note has yet. */
  missingLinks: string[];
}

export interface RecentNotebook {
  name: string;
  path: string;
  openedAt: string;
}

export interface ExportReport {
  dir: string;
  written: { noteId: string; file: string }[];
  /** With onConflict 'ask': the files that already exist; nothing was written. */
  conflicts: string[];
}

export interface ZipDownload {
  fileName: string;
  /** base64 */
  data: string;
  count: number;
}

export interface ExportResult {
  format: ExportFormat;
  /** The folder or file written. */
  out: string;
  /** Files written (new or updated), relative to `out` for folders. */
  written: string[];
  /** Files already as the export would write them. */
  unchanged: number;
  /** Files in the way: with onConflict 'ask' nothing was written; in a vault, files the researcher changed (kept). */
  conflicts: { file: string; copy: string | null }[];
  /** Vault files of records no longer there, removed because nobody had changed them. */
  removed: string[];
  /** What was left out, in words (e.g. orphaned highlights a REFI-QDA project cannot place). */
  skipped: string[];
  /** One sentence for a toast or the terminal. */
  summary: string;
}

export interface Download {
  fileName: string;
  mime: string;
  /** base64 */
  data: string;
  summary: string;
}

export interface QdpxImportReport {
  notebook: string;
  origin: string;
  articles: { created: number; existing: number };
  tags: { created: number; matched: number };
  highlights: { created: number; existing: number };
  memos: number;
  notes: number;
  /** What the project held that Quire has no place for, with how many: reported, never silently dropped. */
  unmapped: { what: string; count: number }[];
  summary: string;
}

export interface QdcImportReport {
  tags: { created: number; matched: number; updated: number };
  unmapped: { what: string; count: number }[];
  summary: string;
}

export interface NotesImportReport {
  imported: { id: string; title: string; file: string }[];
  renamed: { file: string; from: string; to: string }[];
  /** Attachments notes link to: left where they are, not copied. */
  attachments: string[];
  /** Article and tag pages a Quire export wrote into the vault: not notes, skipped. */
  skipped: string[];
  failed: { file: string; error: string }[];
  summary: string;
}

export interface RefsImportReport {
  items: {
    reference: string;
    status: 'updated' | 'unchanged' | 'unmatched' | 'ambiguous';
    articleId: string | null;
    articleTitle: string | null;
    matchedBy: 'url' | 'title' | null;
    changes: { field: MetadataField; from: string | null; to: string }[];
  }[];
  summary: string;
}

/** What Undo and Redo would do next, in words ("Undo: tag 3 passages arms-trade"), or null. */
export interface UndoState {
  undo: string | null;
  redo: string | null;
}

export interface TrashItem {
  id: string;
  kind: TrashEntry['kind'];
  title: string;
  deletedAt: string;
  /** What went with it: "with 3 highlights". */
  detail: string;
}

export interface ApiOutputs {
  notebookInfo: NotebookInfo;
  notebookOpen: NotebookInfo;
  notebookRecent: RecentNotebook[];
  notebookAcknowledge: NotebookInfo;
  importPaths: ImportReport;
  importFiles: ImportReport;
  importCancel: { cancelled: boolean };
  articleList: ArticleSummary[];
  articleGet: ArticleView;
  articleDelete: { id: string };
  articleUpdateMeta: ArticleSummary;
  articleOriginal: ArticleOriginal;
  articleSetBlock: ArticleChange;
  articleReextract: ArticleChange;
  articleSetMemo: ArticleSummary;
  articleBulkTag: { articles: number; highlightsCreated: number; highlightsUpdated: number };
  articleBulkDelete: { deleted: number; highlights: number };
  search: SearchResponse;
  switcher: SwitcherItem[];
  tagList: TagSummary[];
  tagCreate: Tag;
  tagUpdate: Tag;
  tagMerge: {
    into: Tag;
    merged: number;
    highlightsRetagged: number;
    duplicatesCollapsed: number;
    subTagsMoved: number;
  };
  tagSplit: { tag: Tag; moved: number };
  tagDelete: { id: string; highlightsUpdated: number; highlightsDeleted: number; childrenMoved: number };
  tagPassages: TaggedPassage[];
  codedSegments: CodedSegments;
  codeMatrix: CodeDocumentMatrix;
  codeCooccurrence: CooccurrenceMatrix;
  codesOverTime: CodesOverTime;
  highlightCreate: Highlight;
  highlightUpdate: Highlight;
  highlightDelete: Highlight;
  noteList: NoteSummary[];
  noteGet: NoteView;
  noteFindByTitle: NoteSummary | null;
  noteCreate: Note;
  noteUpdate: Note;
  noteRename: { note: Note; notesUpdated: number };
  noteDelete: Note;
  citationFor: { markdown: string };
  linkSuggest: LinkSuggestion[];
  embedResolve: EmbedView[];
  noteLinks: NoteLinks;
  noteLinkMention: Note;
  noteGraph: GraphData;
  noteFromTemplate: Note;
  noteDaily: { note: Note; created: boolean };
  undo: { label: string; state: UndoState };
  redo: { label: string; state: UndoState };
  undoState: UndoState;
  trashList: TrashItem[];
  trashRestore: { id: string; kind: TrashEntry['kind']; notes: string[] };
  trashEmpty: { removed: number };
  syncStatus: SyncView;
  syncShare: SyncView;
  syncNow: SyncView;
  syncConflicts: Conflict[];
  syncSettle: SyncView;
  coderList: { coders: CoderCount[] };
  coderAgreement: AgreementView;
  exportMarkdown: ExportReport;
  exportMarkdownZip: ZipDownload;
  exportTo: ExportResult;
  exportDownload: Download;
  importQdpx: QdpxImportReport;
  importQdc: QdcImportReport;
  importNotes: NotesImportReport;
  importRefs: RefsImportReport;
}

// Compile-time check: every schema has an output and vice versa.
type Missing = Exclude<ApiMethod, keyof ApiOutputs> | Exclude<keyof ApiOutputs, ApiMethod>;
const contractIsComplete: Missing extends never ? true : never = true;
void contractIsComplete;

/** The typed API both transports expose to the UI. */
export type QuireApi = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutputs[M]>;
};

/** Handlers inside the core receive already-parsed input. */
export type ApiHandlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutputs[M]>;
};

export const errorCodes = [
  'BAD_INPUT',
  'NOT_FOUND',
  'READ_ONLY',
  'NOTEBOOK_LOCKED',
  'NOTEBOOK_ERROR',
  'IMPORT_BUSY',
  'IO_ERROR',
  'CONFLICT',
  'FORBIDDEN',
  'SYNC_REFUSED',
  'SYNC_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Events flow back from the core to every connected UI. */
export interface QuireEvents {
  importProgress: {
    done: number;
    total: number;
    current: string;
    imported: number;
    duplicates: number;
    failed: number;
  };
  /** The search index is being rebuilt (missing, damaged or older cache); searches answer meanwhile from what is indexed. */
  indexProgress: { done: number; total: number };
  /** A notebook was opened (or its notices changed): views start afresh from it. */
  notebook: NotebookInfo;
  /** A change set was committed: every view applies it (one event per user operation). */
  committed: CommitEvent;
  /** A shared notebook's sync changed state ("Synced", "3 changes waiting", "Offline — your work is kept"). */
  sync: SyncView;
  /** A desktop menu item or accelerator, forwarded to the UI's command registry. */
  command: { id: string };
}
export type QuireEventName = keyof QuireEvents;
export type QuireEventListener = <E extends QuireEventName>(name: E, payload: QuireEvents[E]) => void;

/** What a transport returns: every method answers with an envelope, never a thrown error. */
export type QuireTransport = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutputs[M]>>;
};

/** Desktop-only helpers the preload adds (native dialogs, dropped-file paths). Browser mode has none. */
export interface DesktopBridge {
  /** Native open dialog; returns absolute paths, or [] when cancelled. */
  pickImportPaths(kind: 'files' | 'folder'): Promise<string[]>;
  /** Native folder dialog for export or choosing a notebook; null when cancelled. */
  pickFolder(purpose: 'export' | 'open-notebook' | 'new-notebook' | 'import-notes'): Promise<string | null>;
  /** Native save dialog for an export file (extension without the dot); null when cancelled. */
  pickSaveFile(defaultName: string, extension: string): Promise<string | null>;
  /** Native open dialog for one file to import (extensions without the dot); null when cancelled. */
  pickOpenFile(title: string, extensions: string[]): Promise<string | null>;
  /** The absolute path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** Opens an http(s) link in the system browser after the user confirms; other schemes are refused. */
  openExternal(url: string): Promise<boolean>;
  platform: string;
}

/** `window.quire` in the desktop app. */
export interface QuireBridge {
  api: QuireTransport;
  on<E extends QuireEventName>(name: E, listener: (payload: QuireEvents[E]) => void): () => void;
  desktop: DesktopBridge;
}

export const apiMethods = Object.keys(apiSchemas) as ApiMethod[];
