// `npm run bench:extract`: how well the importer keeps the article and only the article.
//
// 1. ../shared/corpus/readability (Mozilla Readability's test pages): source.html -> text and source.txt
//    (the same page as a browser "select all + copy") -> text, each against expected.txt, scored as paragraph
//    precision/recall/F1 (matching rules in extract-scoring.ts: a paragraph matches when >= 80% of its
//    normalised token bigrams occur in the other side) and, as the headline figure, token-level P/R/F1 (the
//    metric whose keep-everything baseline matches the "about 0.78"). Metadata against expected-metadata.json: title, byline
//    and siteName always compared (null = must find nothing); publishedTime (same day) and lang only when stated.
// 2. An independent check on gen-corpus (`--n 300`), whose manifest knows the true paragraphs, the chrome
//    it planted and the metadata: paragraph P/R/F1, boilerplate leak rate, metadata exactness per field.
// 3. Speed: files/s of extractFile on one thread, per format, over the gen-corpus files.
// Not part of `npm test`; prints one table with the target beside each figure.
// `--worst N` also lists the N readability pages whose source.txt scores lowest, with their P/R/F1, so a
// change to the text cleaner can be judged on the pages it actually moves.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractFile } from '../src/main/core/import/extract';
import { captionOf } from '../src/main/core/import/text-shape';
import type { Extraction } from '../src/main/core/types';
import {
  meanPrf,
  paragraphs,
  sameByline,
  sameDay,
  sameLang,
  sameText,
  scoreParagraphs,
  scoreTokens,
  type Prf,
} from './extract-scoring';
import type { ManifestEntry } from './gen-corpus-types';

const repo = resolve(import.meta.dirname, '..');
const corpus = resolve(repo, '../shared/corpus/readability');
const genTool = resolve(repo, '../shared/tools/gen-corpus.mjs');
const genDir = join(repo, '.bench', 'extract-corpus');

interface ExpectedMeta {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
}

const worstArg = process.argv.indexOf('--worst');
const worstN = worstArg >= 0 ? Math.max(1, Number(process.argv[worstArg + 1] ?? 20) || 20) : 0;
const perPage: { page: string; score: Prf }[] = [];

const rows: [string, string, string][] = [];
const row = (what: string, value: string, target = ''): void => {
  rows.push([what, value, target]);
};
const num = (x: number): string => x.toFixed(3);
const pct = (hit: number, of: number): string =>
  `${((100 * hit) / Math.max(1, of)).toFixed(1)}% (${hit}/${of})`;

function keptParagraphs(a: Extraction): string[] {
  return a.passages.map((p) => a.text.slice(p.start, p.end));
}

class Tally {
  hit = 0;
  of = 0;
  add(compared: boolean, ok: boolean): void {
    if (!compared) return;
    this.of++;
    if (ok) this.hit++;
  }
}

async function readabilityPages(): Promise<void> {
  const pages = readdirSync(corpus).filter((d) => existsSync(join(corpus, d, 'source.html')));
  for (const format of ['html', 'txt'] as const) {
    const scores: Prf[] = [];
    const baseline: Prf[] = [];
    const tokenScores: Prf[] = [];
    const tokenBaseline: Prf[] = [];
    const stated = new Tally();
    const meta = {
      title: new Tally(),
      byline: new Tally(),
      publishedTime: new Tally(),
      siteName: new Tally(),
      lang: new Tally(),
    };
    let failed = 0;
    for (const page of pages) {
      const dir = join(corpus, page);
      const expectedText = readFileSync(join(dir, 'expected.txt'), 'utf8');
      const expected = paragraphs(expectedText);
      const bytes = readFileSync(join(dir, `source.${format}`));
      const raw = JSON.parse(
        readFileSync(join(dir, 'expected-metadata.json'), 'utf8'),
      ) as Partial<ExpectedMeta>;
      // Upstream leaves some fields out rather than writing null.
      const m: ExpectedMeta = {
        title: raw.title ?? null,
        byline: raw.byline ?? null,
        siteName: raw.siteName ?? null,
        publishedTime: raw.publishedTime ?? null,
        lang: raw.lang ?? null,
      };
      if (format === 'txt') {
        const lines = bytes
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim() !== '');
        baseline.push(scoreParagraphs(lines, expected));
        tokenBaseline.push(scoreTokens(bytes.toString('utf8'), expectedText));
      }
      let a: Extraction;
      try {
        a = await extractFile(bytes, `source.${format}`);
      } catch {
        failed++;
        scores.push({ precision: 0, recall: 0, f1: 0 });
        tokenScores.push({ precision: 0, recall: 0, f1: 0 });
        continue;
      }
      const score = scoreParagraphs(keptParagraphs(a), expected);
      scores.push(score);
      tokenScores.push(scoreTokens(a.text, expectedText));
      if (format === 'txt') perPage.push({ page, score });
      // An untitled file is shown by a stand-in label, flagged `untitled`: it found no title.
      const title = a.untitled ? null : a.title;
      meta.title.add(true, sameText(title, m.title));
      stated.add(m.title !== null && m.title.trim() !== '', sameText(title, m.title));
      meta.byline.add(true, sameByline(a.author, m.byline));
      meta.publishedTime.add(m.publishedTime !== null, sameDay(a.published, m.publishedTime));
      meta.siteName.add(true, sameText(a.source, m.siteName));
      meta.lang.add(m.lang !== null, sameLang(a.language, m.lang));
    }
    const s = meanPrf(scores);
    const t = meanPrf(tokenScores);
    const label = format === 'html' ? 'readability HTML->text' : 'readability source.txt->text';
    row(`${label}: token precision / recall`, `${num(t.precision)} / ${num(t.recall)}`);
    row(
      `${label}: token F1 (mean of ${pages.length} pages)`,
      num(t.f1),
      format === 'html' ? '>= 0.95' : '>= 0.90',
    );
    if (format === 'txt')
      row(
        `${label}: token F1 if every line were kept`,
        num(meanPrf(tokenBaseline).f1),
        '(issue 3: about 0.78)',
      );
    row(`${label}: paragraph precision`, num(s.precision));
    row(`${label}: paragraph recall`, num(s.recall));
    row(`${label}: paragraph F1 (mean of ${pages.length} pages)`, num(s.f1), '(stricter)');
    if (format === 'txt')
      row(`${label}: F1 if every line were kept`, num(meanPrf(baseline).f1), '(reference)');
    if (failed > 0) row(`${label}: pages refused`, String(failed), '0');
    const targets: Record<keyof typeof meta, string> =
      format === 'html'
        ? { title: '>= 98%', byline: '>= 90%', publishedTime: '', siteName: '', lang: '' }
        : { title: '', byline: '', publishedTime: '', siteName: '', lang: '' };
    for (const k of Object.keys(meta) as (keyof typeof meta)[])
      row(`${label}: ${k}`, pct(meta[k].hit, meta[k].of), targets[k]);
    row(`${label}: title, pages that state one`, pct(stated.hit, stated.of));
  }
}

async function genCorpus(): Promise<void> {
  if (!existsSync(join(genDir, 'manifest.json')))
    execFileSync(process.execPath, [genTool, '--out', genDir, '--n', '300'], { stdio: 'ignore' });
  const manifest = JSON.parse(readFileSync(join(genDir, 'manifest.json'), 'utf8')) as ManifestEntry[];
  const scores: Prf[] = [];
  let exact = 0;
  let truth = 0;
  let leaks = 0;
  let planted = 0;
  // Photo captions are kept (without credit) by design; the manifest lists the whole line as chrome.
  const withoutCaptions: Prf[] = [];
  let captions = 0;
  let captionsKept = 0;
  const fields = ['title', 'author', 'published', 'source', 'url'] as const;
  const right = Object.fromEntries(fields.map((f) => [f, 0])) as Record<(typeof fields)[number], number>;
  const bytes = manifest.map((e) => readFileSync(join(genDir, e.file)));
  const time: Record<string, { ms: number; n: number }> = {};
  // One warm-up pass so the timing below measures extraction, not module loading and JIT.
  for (const [i, e] of manifest.entries()) if (i < 20) await extractFile(bytes[i] ?? Buffer.alloc(0), e.file);
  for (const [i, e] of manifest.entries()) {
    const t0 = performance.now();
    const a = await extractFile(bytes[i] ?? Buffer.alloc(0), e.file);
    const t = (time[e.format] ??= { ms: 0, n: 0 });
    t.ms += performance.now() - t0;
    t.n++;
    const kept = keptParagraphs(a);
    const body = e.paragraphs.map((p) => p.normalize('NFC'));
    scores.push(scoreParagraphs(kept, body));
    const keptSet = new Set(kept);
    const photoCaptions = new Set(
      e.boilerplate.map((b) => captionOf(b.normalize('NFC'))).filter((c) => c !== null),
    );
    captions += photoCaptions.size;
    captionsKept += [...photoCaptions].filter((c) => keptSet.has(c)).length;
    withoutCaptions.push(
      scoreParagraphs(
        kept.filter((p) => !photoCaptions.has(p)),
        body,
      ),
    );
    exact += body.filter((p) => keptSet.has(p)).length;
    truth += body.length;
    planted += e.boilerplate.length;
    leaks += e.boilerplate.filter((b) => a.text.includes(b.normalize('NFC'))).length;
    for (const f of fields) if (a[f] === e[f]) right[f]++;
  }
  const s = meanPrf(scores);
  row(`gen-corpus (${manifest.length} files): paragraph precision`, num(s.precision));
  row(`gen-corpus: paragraph recall`, num(s.recall));
  row(`gen-corpus: paragraph F1`, num(s.f1), '>= 0.95');
  row(
    `gen-corpus: paragraph precision, kept photo captions not counted`,
    num(meanPrf(withoutCaptions).precision),
  );
  row(`gen-corpus: photo captions kept once, without their credit`, pct(captionsKept, captions));
  row(`gen-corpus: true paragraphs kept verbatim as passages`, pct(exact, truth));
  row(`gen-corpus: boilerplate leak rate`, pct(leaks, planted), '0%');
  for (const f of fields) row(`gen-corpus: ${f} exact`, pct(right[f], manifest.length), '100%');
  let allMs = 0;
  let allN = 0;
  for (const [format, t] of Object.entries(time).sort()) {
    row(`speed: ${format} files/s (one thread)`, (t.n / (t.ms / 1000)).toFixed(0), '>= 100');
    allMs += t.ms;
    allN += t.n;
  }
  row(
    `speed: all files/s (one thread; workers use both cores)`,
    (allN / (allMs / 1000)).toFixed(0),
    '>= 100',
  );
}

async function main(): Promise<void> {
  await readabilityPages();
  await genCorpus();
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`| ${'measure'.padEnd(w0)} | ${'value'.padEnd(w1)} | target |`);
  console.log(`|${'-'.repeat(w0 + 2)}|${'-'.repeat(w1 + 2)}|--------|`);
  for (const [a, b, c] of rows) console.log(`| ${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c} |`);
  if (worstN > 0) {
    console.log(`\nWorst ${worstN} readability source.txt pages (P / R / F1):`);
    const worst = [...perPage].sort((x, y) => x.score.f1 - y.score.f1).slice(0, worstN);
    for (const { page, score } of worst)
      console.log(`  ${page.padEnd(40)} ${num(score.precision)} / ${num(score.recall)} / ${num(score.f1)}`);
  }
}

await main();
