import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `/work/shared/corpus`, reached from the repo as `../shared/corpus`. */
export const corpusDir = path.resolve(here, '../../../../shared/corpus');
export const genCorpusTool = path.resolve(here, '../../../../shared/tools/gen-corpus.mjs');

/** Lower-cased word tokens, for overlap scores between an extraction and a reference text. */
export function tokens(s: string): string[] {
  return s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

/** Share of the reference's tokens (with multiplicity) that the extraction contains. */
export function tokenRecall(got: string, expected: string): number {
  const have = new Map<string, number>();
  for (const t of tokens(got)) have.set(t, (have.get(t) ?? 0) + 1);
  const want = tokens(expected);
  if (want.length === 0) return 1;
  let hit = 0;
  for (const t of want) {
    const n = have.get(t) ?? 0;
    if (n > 0) {
      hit++;
      have.set(t, n - 1);
    }
  }
  return hit / want.length;
}
