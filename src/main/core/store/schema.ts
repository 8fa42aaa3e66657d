// What each record must look like. Records are checked when read (a record that fails is damage, set aside) and
// before every commit, so Quire never writes what it could not read back.
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
  TrashEntry,
} from '../types';

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
  memo: z.string().optional(),
  bodyKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  importedBy: z.string().optional(),
  updatedBy: z.string().optional(),
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
  // Tags stored before the codebook had levels sit at the top, undescribed, in name order.
  parentId: z.string().min(1).nullable().default(null),
  description: z.string().default(''),
  order: z.number().default(0),
  color: z.string(),
  memo: z.string(),
  createdAt: isoTime,
  // Who wrote it first and who changed it last, in a shared notebook.
  author: z.string().optional(),
  updatedBy: z.string().optional(),
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
  // Who wrote it first and who changed it last, in a shared notebook.
  author: z.string().optional(),
  updatedBy: z.string().optional(),
}) satisfies z.ZodType<Highlight>;

export const noteSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  body: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  // Who wrote it first and who changed it last, in a shared notebook.
  author: z.string().optional(),
  updatedBy: z.string().optional(),
}) satisfies z.ZodType<Note>;

export const trashEntrySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['note', 'article', 'tag']),
  title: z.string(),
  deletedAt: isoTime,
  note: noteSchema.optional(),
  article: articleRecordSchema.optional(),
  tag: tagSchema.optional(),
  highlights: z.array(highlightSchema),
  untagged: z.array(z.string()),
}) satisfies z.ZodType<TrashEntry>;
