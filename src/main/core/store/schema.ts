// What each metadata file must look like on load. A file that fails here is quarantined, never "fixed"
// in place; every write is checked against the same schema so Quire never writes what it could not read.
import { z } from 'zod';
import type {
  ArticleBody,
  ArticleMetadata,
  ArticleRecord,
  Highlight,
  Note,
  Passage,
  SourceBlock,
  Tag,
} from '../types';
import type { AnnotationsFile, ArticlesFile, NotebookFile, NotesFile } from './types';

const isoTime = z.string().min(1);
const nullableText = z.string().nullable();
const passageKind = z.enum(['paragraph', 'heading', 'quote', 'list']);

export const passageSchema = z.object({
  id: z.string().min(1),
  kind: passageKind,
  start: z.number().int().min(0),
  end: z.number().int().min(0),
}) satisfies z.ZodType<Passage>;

export const sourceBlockSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  kind: passageKind,
  kept: z.boolean(),
  reason: nullableText,
}) satisfies z.ZodType<SourceBlock>;

/** The fields a researcher can edit; the record holds them, and `edits` any subset of them. */
const metadataSchema = z.object({
  title: z.string(),
  author: nullableText,
  published: nullableText,
  source: nullableText,
  url: nullableText,
  language: nullableText,
}) satisfies z.ZodType<ArticleMetadata>;

export const articleRecordSchema = z.object({
  id: z.string().min(1),
  ...metadataSchema.shape,
  format: z.enum(['txt', 'md', 'html', 'pdf', 'docx', 'epub']),
  file: z.string(),
  sourceHash: z.string().regex(/^[0-9a-f]{64}$/),
  textHash: z.string().min(1),
  words: z.number().int().min(0),
  passageCount: z.number().int().min(0),
  importedAt: isoTime,
  edits: metadataSchema.partial().optional(),
  blockChoices: z.record(z.string(), z.enum(['keep', 'drop'])).optional(),
  extractorVersion: z.number().int().min(0).optional(),
  untitled: z.boolean().optional(),
}) satisfies z.ZodType<ArticleRecord>;

export const articleBodySchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  passages: z.array(passageSchema),
  blocks: z.array(sourceBlockSchema).optional(),
}) satisfies z.ZodType<ArticleBody>;

export const tagSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  color: z.string(),
  memo: z.string(),
  createdAt: isoTime,
}) satisfies z.ZodType<Tag>;

export const highlightSchema = z.object({
  id: z.string().min(1),
  articleId: z.string().min(1),
  passageId: z.string(),
  tagIds: z.array(z.string()),
  position: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }),
  quote: z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() }),
  memo: z.string(),
  createdAt: isoTime,
  orphaned: z.boolean(),
}) satisfies z.ZodType<Highlight>;

export const noteSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  body: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
}) satisfies z.ZodType<Note>;

const version = z.number().int().min(1);

export const notebookFileSchema = z.object({
  schemaVersion: version,
  appVersion: z.string(),
  created: isoTime,
  name: z.string().min(1),
}) satisfies z.ZodType<NotebookFile>;

export const articlesFileSchema = z.object({
  schemaVersion: version,
  articles: z.array(articleRecordSchema),
}) satisfies z.ZodType<ArticlesFile>;

export const annotationsFileSchema = z.object({
  schemaVersion: version,
  tags: z.array(tagSchema),
  highlights: z.array(highlightSchema),
}) satisfies z.ZodType<AnnotationsFile>;

export const notesFileSchema = z.object({
  schemaVersion: version,
  notes: z.array(noteSchema),
}) satisfies z.ZodType<NotesFile>;

export interface MetadataFiles {
  notebook: NotebookFile;
  articles: ArticlesFile;
  annotations: AnnotationsFile;
  notes: NotesFile;
}
export type MetadataName = keyof MetadataFiles;
export const metadataNames = [
  'notebook',
  'articles',
  'annotations',
  'notes',
] as const satisfies readonly MetadataName[];

export const metadataSchemas: { [K in MetadataName]: z.ZodType<MetadataFiles[K]> } = {
  notebook: notebookFileSchema,
  articles: articlesFileSchema,
  annotations: annotationsFileSchema,
  notes: notesFileSchema,
};

/** `annotations` -> `annotations.json`, the name users see in messages. */
export function fileNameOf(name: MetadataName): string {
  return `${name}.json`;
}
