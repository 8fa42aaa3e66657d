// Photo captions are part of the story: "Snr-Gen Min Aung Hlaing in Russia." says who and where the
// picture shows, and researchers cite it. The credit after the slash ("/ Facebook") is chrome. Format
// readers drop the whole `caption / credit` line as chrome; this pass, the same for every format, keeps
// the caption of each such line that sits inside the article, once, and leaves its credit dropped.
import type { CandidateBlock } from './assemble';
import { squash } from './format-result';
import { captionOf } from './text-shape';

/** The article's span in document order: from its headline (or first kept block) to its last kept block. */
function articleSpan(blocks: readonly CandidateBlock[]): { from: number; to: number } | null {
  const isKept = (b: CandidateBlock): boolean => b.kept !== false;
  const firstKept = blocks.findIndex(isKept);
  if (firstKept < 0) return null;
  const title = blocks.findIndex((b) => b.kept === false && b.reason === 'title');
  const to = blocks.findLastIndex(isKept);
  return { from: title >= 0 && title < firstKept ? title : firstKept, to };
}

export function keepPhotoCaptions(blocks: readonly CandidateBlock[]): CandidateBlock[] {
  const span = articleSpan(blocks);
  if (!span) return [...blocks];
  const seen = new Set(blocks.filter((b) => b.kept !== false).map((b) => squash(b.text)));
  return blocks.flatMap((block, i): CandidateBlock[] => {
    if (block.kept !== false || i <= span.from || i >= span.to) return [block];
    const line = squash(block.text);
    const caption = captionOf(line);
    if (caption === null) return [block];
    if (seen.has(caption)) return [{ ...block, reason: 'duplicate' }];
    seen.add(caption);
    const credit = line.slice(line.lastIndexOf('/') + 1).trim();
    return [
      { text: caption, kind: 'paragraph' },
      { text: credit, kind: 'paragraph', kept: false, reason: 'image credit' },
    ];
  });
}
