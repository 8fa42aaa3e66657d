// The researcher's control over extraction: edit metadata, see the original beside the cleaned text, keep or drop
// blocks against the extractor's verdict, and re-extract. Edits and choices are stored on the article record, so
// they survive re-extraction; highlights move with the text whenever it changes.
import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import { summarize } from '../app/article-summary';
import { QuireError } from '../errors';
import { isKept } from '../import/assemble';
import { decodeText } from '../import/decode';
import { EXTRACTOR_VERSION } from '../import/extract';
import { metadataFields, type ArticleMetadata, type ArticleRecord } from '../types';
import { requireArticle } from './article-view';
import { applyText, blocksOf } from './article-text';
import type { Handlers } from './handler';

const ORIGINAL_DISPLAY_LIMIT = 2 * 1024 * 1024;
const textFormats = new Set(['txt', 'md', 'html']);

async function articleUpdateMeta(core: Core, input: ApiParsedInput<'articleUpdateMeta'>) {
  const { id, reset, ...changes } = input;
  const session = core.writable();
  const record = requireArticle(core, id);
  const fromExtractor: Partial<ArticleMetadata> & { untitled?: boolean } = {};
  if (reset.length) {
    // Hand the fields back to the extractor: read them afresh from the kept original.
    const extracted = await core.extractor.extract(
      await session.store.readSource(record.sourceHash),
      record.file,
    );
    for (const field of reset) Object.assign(fromExtractor, { [field]: extracted[field] });
    if (reset.includes('title')) fromExtractor.untitled = extracted.untitled;
  }
  const edited: Partial<ArticleMetadata> = {};
  for (const field of metadataFields) {
    const value = changes[field];
    if (value === undefined) continue;
    const clean = value === null || value.trim() === '' ? null : value.trim();
    if (field === 'title' && clean === null) throw new QuireError('BAD_INPUT', 'An article needs a title.');
    Object.assign(edited, { [field]: clean });
  }
  const fields = [...new Set([...reset, ...Object.keys(edited)])];
  const { value: next } = await session.commit(`Edit ${fields.join(', ')} of “${record.title}”`, (tx) => {
    const current = tx.get('article', id);
    if (!current) throw new QuireError('NOT_FOUND', 'That article was deleted meanwhile.');
    const edits: Partial<ArticleMetadata> = { ...current.edits };
    for (const field of reset) delete edits[field];
    Object.assign(edits, edited);
    const updated: ArticleRecord = { ...current, ...fromExtractor, ...edited, edits };
    if (edited.title !== undefined) updated.untitled = false;
    tx.put('article', updated);
    return updated;
  });
  return summarize(next, session.store.highlightsOf(id));
}

async function articleOriginal(core: Core, { id }: { id: string }) {
  const session = core.session();
  const record = requireArticle(core, id);
  const body = await session.body(record);
  const choices = record.blockChoices ?? {};
  const blocks = blocksOf(body);
  let text: string;
  if (textFormats.has(record.format)) {
    text = decodeText(await session.store.readSource(record.sourceHash)).text;
  } else {
    // PDF/DOCX have no readable "file text": show every block the reader found, in order.
    text = blocks.map((b) => b.text).join('\n\n');
  }
  const truncated = text.length > ORIGINAL_DISPLAY_LIMIT;
  return {
    file: record.file,
    format: record.format,
    text: truncated ? text.slice(0, ORIGINAL_DISPLAY_LIMIT) : text,
    truncated,
    blocks: blocks.map((b) => ({
      ...b,
      extractorKept: b.kept,
      kept: isKept(b, choices),
      choice: choices[b.id] ?? null,
    })),
    edited: metadataFields.filter((f) => record.edits?.[f] !== undefined),
    extractorVersion: record.extractorVersion ?? null,
    currentExtractorVersion: EXTRACTOR_VERSION,
  };
}

async function articleSetBlock(core: Core, { id, blockId, keep }: ApiParsedInput<'articleSetBlock'>) {
  const session = core.writable();
  const record = requireArticle(core, id);
  const blocks = blocksOf(await session.body(record));
  const block = blocks.find((b) => b.id === blockId);
  if (!block) {
    throw new QuireError('NOT_FOUND', 'That block is no longer in the article; re-open the original view.');
  }
  const choices: Record<string, 'keep' | 'drop'> = { ...record.blockChoices };
  // Agreeing with the extractor removes the choice, so a later, better extractor is free to decide.
  if (keep === block.kept) delete choices[blockId];
  else choices[blockId] = keep ? 'keep' : 'drop';
  const verb = keep ? 'Restore' : 'Drop';
  return applyText(core, record, { blocks, choices }, `${verb} a block of “${record.title}”`);
}

async function articleReextract(core: Core, { id }: { id: string }) {
  const session = core.writable();
  const record = requireArticle(core, id);
  const extraction = await core.extractor.extract(
    await session.store.readSource(record.sourceHash),
    record.file,
  );
  const { title, author, published, source, url, language, untitled } = extraction;
  return applyText(
    core,
    record,
    {
      blocks: extraction.blocks,
      choices: record.blockChoices ?? {},
      meta: { title, author, published, source, url, language, untitled },
      extractorVersion: EXTRACTOR_VERSION,
    },
    `Re-extract “${record.title}”`,
  );
}

export const articleEditHandlers = {
  articleUpdateMeta,
  articleOriginal,
  articleSetBlock,
  articleReextract,
} satisfies Handlers<'articleUpdateMeta' | 'articleOriginal' | 'articleSetBlock' | 'articleReextract'>;
