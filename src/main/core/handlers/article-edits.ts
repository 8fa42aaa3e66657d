import type { ApiHandlers, ArticleChange } from '../api-contract';
import {
  metadataFields,
  type ArticleBody,
  type ArticleMetadata,
  type ArticleRecord,
  type SourceBlock,
} from '../types';
import type { Core } from '../app/core';
import { countWords, sha256 } from '../app/import-batch';
import { QuireError } from '../errors';
import { reanchorAll } from '../annotate/anchor';
import { assembleArticle, isKept, type BlockChoices } from '../import/assemble';
import { decodeText } from '../import/decode';
import { EXTRACTOR_VERSION } from '../import/extract';
import { articleView, requireArticle, summarize } from './article-view';

type EditMethods = 'articleUpdateMeta' | 'articleOriginal' | 'articleSetBlock' | 'articleReextract';

const ORIGINAL_DISPLAY_LIMIT = 2 * 1024 * 1024;
const textFormats = new Set(['txt', 'md', 'html']);

/**
 * The researcher's control over extraction: edit metadata, see the original beside the cleaned text,
 * keep or drop blocks against the extractor's verdict, and re-extract. Edits and choices are stored on
 * the article record, so they survive re-extraction; highlights are re-anchored whenever the text changes.
 */
export function articleEditHandlers(core: Core): Pick<ApiHandlers, EditMethods> {
  /** Stored blocks, or (articles imported before blocks were kept) the passages as kept blocks. */
  function blocksOf(body: ArticleBody): SourceBlock[] {
    return (
      body.blocks ??
      body.passages.map((p) => ({
        id: p.id,
        text: body.text.slice(p.start, p.end),
        kind: p.kind,
        kept: true,
        reason: null,
      }))
    );
  }

  /** Writes new text for an article and moves its highlights with it; none is ever dropped. */
  async function applyText(
    record: ArticleRecord,
    blocks: SourceBlock[],
    choices: BlockChoices,
    meta: Partial<ArticleMetadata> & { untitled?: boolean } = {},
    extractorVersion = record.extractorVersion,
  ): Promise<ArticleChange> {
    const session = core.writable();
    const { text, passages } = assembleArticle(blocks, choices);
    if (text.trim() === '') {
      throw new QuireError(
        'BAD_INPUT',
        'That would leave the article with no text; keep at least one block.',
      );
    }
    const next: ArticleRecord = {
      ...record,
      ...meta,
      ...record.edits,
      ...(record.edits?.title === undefined ? {} : { untitled: false }),
      textHash: sha256(text),
      words: countWords(text),
      passageCount: passages.length,
      blockChoices: { ...choices },
      ...(extractorVersion === undefined ? {} : { extractorVersion }),
    };
    await session.store.updateArticle(next, { id: record.id, text, passages, blocks });
    session.forgetBody(record.id);

    let moved = 0;
    let orphaned = 0;
    await session.store.updateAnnotations((d) => {
      const mine = d.highlights.filter((h) => h.articleId === record.id);
      const placed = new Map(reanchorAll(text, mine, passages).map((h) => [h.id, h]));
      d.highlights = d.highlights.map((h) => {
        const p = placed.get(h.id);
        if (!p) return h;
        if (p.orphaned) orphaned++;
        else if (p.position.start !== h.position.start || p.position.end !== h.position.end) moved++;
        return p;
      });
    });
    session.indexArticle(next, { id: record.id, text, passages });
    core.emit('changed', { what: 'articles' });
    core.emit('changed', { what: 'annotations' });
    return { view: await articleView(core, record.id), orphaned, moved };
  }

  return {
    articleUpdateMeta: async ({ id, reset, ...changes }) => {
      const session = core.writable();
      const record = requireArticle(core, id);
      const edits: Partial<ArticleMetadata> = { ...record.edits };
      const next: ArticleRecord = { ...record };
      if (reset.length) {
        // Hand the fields back to the extractor: read them afresh from the kept original.
        const extracted = await core.extractor.extract(
          await session.store.readSource(record.sourceHash),
          record.file,
        );
        for (const field of reset) {
          delete edits[field];
          Object.assign(next, { [field]: extracted[field] });
        }
        if (reset.includes('title')) next.untitled = extracted.untitled;
      }
      for (const field of metadataFields) {
        const value = changes[field];
        if (value === undefined) continue;
        const clean = value === null || value.trim() === '' ? null : value.trim();
        if (field === 'title' && clean === null)
          throw new QuireError('BAD_INPUT', 'An article needs a title.');
        Object.assign(edits, { [field]: clean });
        Object.assign(next, { [field]: clean });
        if (field === 'title') next.untitled = false;
      }
      next.edits = edits;
      await session.store.updateArticle(next);
      // Title words are indexed text; the other fields only feed the filters.
      if (next.title !== record.title) session.indexArticle(next, await session.body(id));
      else session.refreshArticleMeta([id]);
      core.emit('changed', { what: 'articles' });
      return summarize(
        next,
        session.store.highlights().filter((h) => h.articleId === id),
      );
    },

    articleOriginal: async ({ id }) => {
      const session = core.session();
      const record = requireArticle(core, id);
      const body = await session.body(id);
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
    },

    articleSetBlock: async ({ id, blockId, keep }) => {
      const session = core.writable();
      const record = requireArticle(core, id);
      const blocks = blocksOf(await session.body(id));
      const block = blocks.find((b) => b.id === blockId);
      if (!block) {
        throw new QuireError(
          'NOT_FOUND',
          'That block is no longer in the article; re-open the original view.',
        );
      }
      const choices: Record<string, 'keep' | 'drop'> = { ...record.blockChoices };
      // Agreeing with the extractor removes the choice, so a later, better extractor is free to decide.
      if (keep === block.kept) delete choices[blockId];
      else choices[blockId] = keep ? 'keep' : 'drop';
      return applyText(record, blocks, choices);
    },

    articleReextract: async ({ id }) => {
      const session = core.writable();
      const record = requireArticle(core, id);
      const extraction = await core.extractor.extract(
        await session.store.readSource(record.sourceHash),
        record.file,
      );
      const { title, author, published, source, url, language, untitled } = extraction;
      const meta = { title, author, published, source, url, language, untitled };
      return applyText(record, extraction.blocks, record.blockChoices ?? {}, meta, EXTRACTOR_VERSION);
    },
  };
}
