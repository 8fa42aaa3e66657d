import { createHash } from 'node:crypto';
import type { Passage, SourceBlock } from '../types';
import { buildArticleText, canonicalize, type Block } from './canonical';

/** A block as a format reader hands it over: kept unless the reader says why it is dropped. */
export interface CandidateBlock extends Block {
  kept?: boolean;
  reason?: string | null;
}

export type BlockChoices = Readonly<Record<string, 'keep' | 'drop'>>;

/** Canonical block text with stable ids ('b' + content hash, '-2' for repeats), in document order. */
export function identifyBlocks(blocks: readonly CandidateBlock[]): SourceBlock[] {
  const seen = new Map<string, number>();
  const out: SourceBlock[] = [];
  for (const block of blocks) {
    const text = canonicalize(block.text)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
    if (text === '') continue;
    const hash = 'b' + createHash('sha1').update(text.replace(/\s+/g, ' ')).digest('hex').slice(0, 8);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    const kept = block.kept ?? true;
    out.push({
      id: count === 1 ? hash : `${hash}-${count}`,
      text,
      kind: block.kind,
      kept,
      reason: kept ? null : (block.reason ?? 'not article text'),
    });
  }
  return out;
}

export function isKept(block: SourceBlock, choices: BlockChoices): boolean {
  const choice = choices[block.id];
  return choice === undefined ? block.kept : choice === 'keep';
}

/** The article text from the blocks the extractor kept, overruled by the researcher's choices. */
export function assembleArticle(
  blocks: readonly SourceBlock[],
  choices: BlockChoices = {},
): { text: string; passages: Passage[] } {
  return buildArticleText(blocks.filter((b) => isKept(b, choices)));
}
