// Changing an article's text: a new body (written first; bodies are immutable), the record pointed at it, and every
// highlight on it moved with the text (none is ever dropped: what cannot be found again is marked orphaned). One
// change set, so undo puts the old text and the old highlight positions back together.
import type { ArticleChange } from '../api-contract';
import type { Core } from '../app/core';
import type { ChangeOrigin } from '../store/records';
import { countWords, sha256 } from '../import/text-stats';
import { reanchorAll } from '../annotate/anchor';
import { QuireError } from '../errors';
import { assembleArticle, type BlockChoices } from '../import/assemble';
import type { ArticleBody, ArticleMetadata, ArticleRecord, SourceBlock } from '../types';
import { articleView } from './article-view';

export interface NewText {
  blocks: SourceBlock[];
  choices: BlockChoices;
  /** Metadata from a fresh extraction (the researcher's edits still win). */
  meta?: Partial<ArticleMetadata> & { untitled?: boolean };
  extractorVersion?: number;
}

/** Stored blocks, or (articles imported before blocks were kept) the passages as kept blocks. */
export function blocksOf(body: ArticleBody): SourceBlock[] {
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

export async function applyText(
  core: Core,
  record: ArticleRecord,
  next: NewText,
  label: string,
  origin: ChangeOrigin = 'user',
): Promise<ArticleChange> {
  const session = core.writable();
  const { text, passages } = assembleArticle(next.blocks, next.choices);
  if (text.trim() === '') {
    throw new QuireError('BAD_INPUT', 'That would leave the article with no text; keep at least one block.');
  }
  const [bodyKey] = await session.store.writeBodies([{ text, passages, blocks: next.blocks }]);
  const body: ArticleBody = { id: record.id, text, passages, blocks: next.blocks };
  const extractorVersion = next.extractorVersion ?? record.extractorVersion;
  const { value } = await session.commit(
    label,
    (tx) => {
      const current = tx.get('article', record.id);
      if (!current) throw new QuireError('NOT_FOUND', 'That article was deleted meanwhile.');
      const updated: ArticleRecord = {
        ...current,
        ...next.meta,
        ...current.edits,
        ...(current.edits?.title === undefined ? {} : { untitled: false }),
        textHash: sha256(text),
        words: countWords(text),
        passageCount: passages.length,
        blockChoices: { ...next.choices },
        bodyKey,
        ...(extractorVersion === undefined ? {} : { extractorVersion }),
      };
      tx.put('article', updated);
      let moved = 0;
      let orphaned = 0;
      const mine = tx.highlightsOf(record.id);
      const byId = new Map(mine.map((h) => [h.id, h]));
      for (const placed of reanchorAll(text, mine, passages)) {
        const before = byId.get(placed.id);
        if (!before) continue;
        const shifted =
          placed.position.start !== before.position.start || placed.position.end !== before.position.end;
        if (placed.orphaned) orphaned++;
        else if (shifted) moved++;
        if (JSON.stringify(placed) !== JSON.stringify(before)) tx.put('highlight', placed);
      }
      return { moved, orphaned };
    },
    { origin, bodies: [body] },
  );
  return { view: await articleView(core, record.id, false), ...value };
}
