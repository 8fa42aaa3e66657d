// Intercoder agreement between two coders, computed on character overlap as MAXQDA and NVivo do: for each document
// and code, every character is coded or not by each coder; percent agreement is the share of characters on which
// they agree, Cohen's kappa corrects it for the agreement expected by chance from each coder's share of coded
// characters. Overall figures pool the characters of every chosen document and code.
import type { AgreementCell, AgreementReport, Disagreement } from './views';

export interface CodedSegment {
  coder: string;
  documentId: string;
  codeId: string;
  start: number;
  end: number;
}

export type { AgreementCell, AgreementReport, Disagreement };

export function agreement(
  documents: readonly { id: string; length: number }[],
  codeIds: readonly string[],
  segments: readonly CodedSegment[],
  coders: { a: string; b: string },
): AgreementReport {
  const overall = emptyCounts();
  const byCode: AgreementReport['byCode'] = [];
  const disagreements: Disagreement[] = [];
  for (const codeId of codeIds) {
    const counts = emptyCounts();
    for (const doc of documents) {
      const mine = (coder: string) =>
        merge(
          segments.filter((s) => s.coder === coder && s.documentId === doc.id && s.codeId === codeId),
          doc.length,
        );
      const runs = compare(mine(coders.a), mine(coders.b), doc.length);
      for (const run of runs) {
        counts[run.state] += run.end - run.start;
        if (run.state === 'onlyA' || run.state === 'onlyB') {
          disagreements.push({
            documentId: doc.id,
            codeId,
            start: run.start,
            end: run.end,
            codedBy: run.state === 'onlyA' ? 'a' : 'b',
          });
        }
      }
    }
    for (const k of ['both', 'onlyA', 'onlyB', 'neither'] as const) overall[k] += counts[k];
    byCode.push({ codeId, cell: cell(counts) });
  }
  return { overall: cell(overall), byCode, disagreements };
}

type Counts = Pick<AgreementCell, 'both' | 'onlyA' | 'onlyB' | 'neither'>;
type State = keyof Counts;

function emptyCounts(): Counts {
  return { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
}

function cell(c: Counts): AgreementCell {
  const n = c.both + c.onlyA + c.onlyB + c.neither;
  if (n === 0) return { ...c, percent: 1, kappa: 1 };
  const observed = (c.both + c.neither) / n;
  const a = (c.both + c.onlyA) / n;
  const b = (c.both + c.onlyB) / n;
  const chance = a * b + (1 - a) * (1 - b);
  const kappa = chance === 1 ? 1 : (observed - chance) / (1 - chance);
  return { ...c, percent: observed, kappa };
}

/** The coded characters as sorted, non-overlapping [start, end) ranges inside the document. */
function merge(segments: readonly CodedSegment[], length: number): [number, number][] {
  const ranges = segments
    .map((s) => [Math.max(0, s.start), Math.min(length, s.end)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The document cut into runs of characters with the same state (both, only one, neither). */
function compare(a: [number, number][], b: [number, number][], length: number) {
  const cuts = new Set([0, length]);
  for (const [s, e] of [...a, ...b]) cuts.add(s).add(e);
  const points = [...cuts].sort((x, y) => x - y);
  const covered = (ranges: [number, number][], at: number) => ranges.some(([s, e]) => s <= at && at < e);
  const runs: { start: number; end: number; state: State }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const inA = covered(a, start);
    const inB = covered(b, start);
    const state: State = inA && inB ? 'both' : inA ? 'onlyA' : inB ? 'onlyB' : 'neither';
    const last = runs[runs.length - 1];
    if (last && last.state === state && last.end === start) last.end = end;
    else runs.push({ start, end, state });
  }
  return runs;
}
