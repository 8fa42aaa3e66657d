// Every function that runs regular expressions over imported text, on the long adversarial inputs that make a
// backtracking regex retry from each character: runs of one character, unclosed constructs, long lines.
// (A trailing-space regex once took 15 s on a page with 88,736 spaces.)
// A complexity check, not a speed budget: CPU time at 8n over CPU time at n stays below RATIO (linear is 8,
// quadratic 64), each the best of several batched repetitions. The engine has steps of its own (strings past
// ~128 KB move to another heap space; a regex's first run on a long subject is interpreted): a step between n
// and 8n can fake one large ratio, but not a slowdown at every doubling. So a ratio over RATIO counts only if
// each doubling from n to 8n is also clearly more than double (quadratic doubles to 4).
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../src/main/core/import/text-stats';
import { identifyBlocks } from '../../../src/main/core/import/assemble';
import { buildArticleText, canonicalize } from '../../../src/main/core/import/canonical';
import { isDateLine, parseDate } from '../../../src/main/core/import/dates';
import { decodeText } from '../../../src/main/core/import/decode';
import { readDocxMetadata } from '../../../src/main/core/import/docx';
import { squash, tidyInline } from '../../../src/main/core/import/format-result';
import { parseFrontMatter } from '../../../src/main/core/import/front-matter';
import { extractHtml } from '../../../src/main/core/import/html';
import { extractMarkdown, stripInline } from '../../../src/main/core/import/markdown';
import { parsePdfDate } from '../../../src/main/core/import/pdf';
import { layoutPdf, type PdfPageText } from '../../../src/main/core/import/pdf-layout';
import { safeUrl } from '../../../src/main/core/import/safe-url';
import {
  captionOf,
  chromeReason,
  codeBlockRows,
  isProse,
  isTitleShaped,
  joinHardWrapped,
} from '../../../src/main/core/import/text-shape';
import { extractTxt } from '../../../src/main/core/import/txt';
import { bylineName, findSource, findTitleRow, findUrl } from '../../../src/main/core/import/txt-metadata';
import { decodeEntities, xmlElements } from '../../../src/main/core/import/xml-lite';
import { articleBacklinks, noteBacklinks } from '../../../src/main/core/notes/backlinks';
import { parseCitations } from '../../../src/main/core/notes/citations';
import { codeRanges } from '../../../src/main/core/notes/code-ranges';
import { parseWikilinks, titleKey } from '../../../src/main/core/notes/wikilinks';
import { splitTarget } from '../../../src/main/core/notes/link-targets';
import { findMentions, linkMentions } from '../../../src/main/core/notes/mentions';
import { outlineOf } from '../../../src/main/core/notes/outline';
import { fillTemplate } from '../../../src/main/core/notes/templates';
import { BigramNarrower } from '../../../src/main/core/search/narrow';
import { makeSnippet } from '../../../src/main/core/search/snippet';
import { tokenize } from '../../../src/main/core/search/tokenize';
import type { Note } from '../../../src/main/core/types';

const RATIO = 20;
const N = 8 * 1024;
/** Per doubling: linear is 2, n log n a little more, quadratic 4. */
const DOUBLING = 2.8;

const fill = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Adversarial inputs of about n characters. */
const adversaries = {
  spaces: (n: number) => `a${fill(' ', n)}b`,
  tabs: (n: number) => `a${fill('\t', n)}b`,
  'spaces and tabs': (n: number) => `a${fill(' \t', n)}b`,
  newlines: (n: number) => `a${fill('\n', n)}b`,
  CRLFs: (n: number) => `a${fill('\r\n', n)}b`,
  'blank lines of spaces': (n: number) => `a${fill('\n  \t', n)}\nb`,
  dashes: (n: number) => `a${fill('-', n)}b`,
  'dashes and spaces': (n: number) => `a${fill('- ', n)}b`,
  dots: (n: number) => `a${fill('.', n)}b`,
  'dot leaders': (n: number) => `Scope ${fill('. ', n)}x`,
  quotes: (n: number) => `a${fill('"', n)}b`,
  'curly quotes': (n: number) => `a${fill('“’', n)}b`,
  '< without >': (n: number) => fill('<', n),
  '<a without >': (n: number) => fill('<a ', n),
  'unclosed <script>': (n: number) => fill('<script>x', n),
  'unclosed <http://': (n: number) => fill('<http://x', n),
  '**': (n: number) => fill('**', n),
  'unclosed **a': (n: number) => fill('**a ', n),
  'unclosed __a': (n: number) => fill('__a ', n),
  'unclosed ~~a': (n: number) => fill('~~a ', n),
  backticks: (n: number) => fill('`a``', n),
  'code fences': (n: number) => fill('```\n~~~\n', n),
  '[': (n: number) => fill('[', n),
  'unclosed ![': (n: number) => fill('![a', n),
  'unclosed [](': (n: number) => fill('[a](b', n),
  'unclosed [[': (n: number) => fill('[[a', n),
  'unclosed quire links': (n: number) => fill('[](quire://article/a', n),
  'unclosed CDATA': (n: number) => fill('<![CDATA[', n),
  'unclosed <item': (n: number) => fill('<item a="1">', n),
  ampersands: (n: number) => fill('&a', n),
  'escaped characters': (n: number) => fill('\\*', n),
  'heading with spaces': (n: number) => `# a${fill(' ', n)}b`,
  'heading with hashes': (n: number) => `# a${fill(' #', n)}b`,
  'unclosed {{': (n: number) => fill('{{ date ', n),
  'title words': (n: number) => fill('Alexander Fomin Alexander ', n),
  'quote markers': (n: number) => fill('> ', n),
  'list markers': (n: number) => fill('* 1. ', n),
  'setext underline': (n: number) => `Title\n${fill('=', n)}`,
  digits: (n: number) => fill('1', n),
  'digits and spaces': (n: number) => fill('12 ', n),
  'month words': (n: number) => fill('June 24 ', n),
  'escape sequences': (n: number) => fill('\u001b]\u001b[', n),
  'byline with spaces': (n: number) => `By Ko${fill(' ', n)}Ye`,
  'by words': (n: number) => fill('Ko by ', n),
  bars: (n: number) => `a${fill(' | ', n)}b`,
  'copyright lines': (n: number) => fill('© 2017 Irrawaddy\n', n),
  'source lines': (n: number) => fill('Source: https://x.org \n', n),
  'photo credits': (n: number) => fill('Photo. / AFP ', n),
  'cookie words': (n: number) => fill('cookies accept ', n),
  'letters and hyphens': (n: number) => fill('ab-', n),
  'attribute names': (n: number) => `${fill('a', n)}=`,
  'www hosts': (n: number) => fill('www.', n),
  'long line of words': (n: number) => fill('Myanmar and Russia signed ', n),
  'one character': (n: number) => fill('a', n),
  accents: (n: number) => fill('é\u0301', n),
  Burmese: (n: number) => fill('ရွေးကောက်ပွဲ ', n),
  Han: (n: number) => fill('中文𠀀', n),
} satisfies Record<string, (n: number) => string>;

type Adversary = keyof typeof adversaries;

/** Shared by the plain-text readers: what scraped pages are made of. */
const textAdversaries: Adversary[] = [
  'spaces',
  'tabs',
  'newlines',
  'CRLFs',
  'blank lines of spaces',
  'dashes and spaces',
  'dots',
  'quotes',
  'byline with spaces',
  'by words',
  'bars',
  'copyright lines',
  'source lines',
  'photo credits',
  'cookie words',
  'digits and spaces',
  'month words',
  'long line of words',
  'one character',
];
const markupAdversaries: Adversary[] = [
  '< without >',
  '<a without >',
  'unclosed <script>',
  'unclosed <http://',
  '**',
  'unclosed **a',
  'unclosed __a',
  'unclosed ~~a',
  'backticks',
  '[',
  'unclosed ![',
  'unclosed [](',
  'unclosed [[',
  'unclosed CDATA',
  'ampersands',
  'escaped characters',
  'spaces',
];

/** A page whose lines are `text` cut every 80 characters, then the whole of it as one long line. */
function pdfPages(text: string): PdfPageText[] {
  const run = (t: string, y: number) => ({ text: t, x: 72, y, width: 400, size: 10, hasEOL: true });
  const runs = [];
  for (let i = 0; i < text.length; i += 80) runs.push(run(text.slice(i, i + 80), 1e7 - (i / 80) * 12));
  runs.push(run(text, 1e7 - text.length));
  return [{ number: 1, height: 1e7 + 100, runs }];
}

const note = (id: string, body: string): Note => ({
  id,
  title: id,
  body,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

interface Subject {
  run: (s: string) => unknown;
  against: Adversary[];
  /** Characters at n, when the function is much slower per character than the rest. */
  n?: number;
}

/** Each function (or group of small ones) and the inputs that attack its patterns. */
const subjects: Record<string, Subject> = {
  canonicalize: {
    run: canonicalize,
    against: [
      'spaces',
      'tabs',
      'spaces and tabs',
      'newlines',
      'CRLFs',
      'blank lines of spaces',
      'escape sequences',
    ],
  },
  'buildArticleText, identifyBlocks': {
    run: (s) => [
      buildArticleText([{ text: s, kind: 'paragraph' }]),
      identifyBlocks([{ text: s, kind: 'paragraph' }]),
    ],
    against: ['spaces', 'spaces and tabs', 'newlines', 'blank lines of spaces', 'long line of words'],
  },
  'tidyInline, squash': {
    run: (s) => [tidyInline(s), squash(s)],
    against: ['spaces', 'tabs', 'spaces and tabs', 'newlines'],
  },
  'parseDate, isDateLine': {
    run: (s) => [parseDate(s), isDateLine(s)],
    against: ['digits', 'digits and spaces', 'dashes', 'dots', 'month words', 'spaces'],
  },
  parseFrontMatter: {
    run: (s) =>
      parseFrontMatter(['---', `title: ${s}`, 'tags:', `  - ${s}`, `url: "${s}"`, `date: [${s}]`, '---']),
    against: ['spaces', 'tabs', 'quotes', '[', 'ampersands', 'long line of words'],
  },
  stripInline: { run: stripInline, against: markupAdversaries },
  extractMarkdown: {
    run: extractMarkdown,
    against: [
      ...markupAdversaries,
      'heading with spaces',
      'quote markers',
      'list markers',
      'dashes and spaces',
      'setext underline',
      'code fences',
      'newlines',
      'one character',
    ],
  },
  extractTxt: { run: extractTxt, against: textAdversaries },
  'text-shape (prose, headline, chrome, caption, code, hard wraps)': {
    run: (s) => [
      isProse(s),
      isTitleShaped(s),
      chromeReason(s),
      captionOf(s),
      codeBlockRows([{ text: s, prose: false }]),
      joinHardWrapped(s.split('\n')),
    ],
    against: [...textAdversaries, 'dashes', 'curly quotes', 'letters and hyphens', 'list markers'],
  },
  'txt-metadata (byline, headline, source, url)': {
    run: (s) => {
      const rows = [
        { text: s, prose: false },
        { text: `© 2017 ${s}`, prose: false },
        { text: s, prose: true },
      ];
      return [
        bylineName(s),
        findTitleRow(rows, 2),
        findSource(rows, 1),
        findUrl([{ text: `Source: https://${s}`, prose: false }]),
      ];
    },
    against: textAdversaries,
  },
  'xml-lite (elements, text, entities)': {
    run: (s) => [
      xmlElements(`<item ${s}>${s}</item><item>${s}<item/>`, 'item'),
      decodeEntities(s),
      readDocxMetadata(`<cp:coreProperties><dc:title>${s}</dc:title><dcterms:created>${s}</dcterms:created>`),
    ],
    against: [
      '< without >',
      'unclosed <item',
      'unclosed CDATA',
      'ampersands',
      'attribute names',
      'quotes',
      'digits',
    ],
  },
  'layoutPdf, parsePdfDate': {
    run: (s) => [layoutPdf(pdfPages(s)), parsePdfDate(s)],
    against: [
      'dot leaders',
      'dashes and spaces',
      'dashes',
      'bars',
      'letters and hyphens',
      'one character',
      'digits',
    ],
  },
  decodeText: {
    run: (s) => decodeText(Buffer.from(`x${s}`)),
    against: ['one character', 'accents', 'Burmese', 'Han', 'escape sequences'],
  },
  safeUrl: { run: safeUrl, against: ['spaces', 'www hosts', 'attribute names', 'escape sequences'] },
  'tokenize, makeSnippet': {
    run: (s) => [tokenize(s), makeSnippet(s, ['a', 'fomin', 'ab'])],
    against: [
      'long line of words',
      'letters and hyphens',
      'dots',
      'digits',
      'accents',
      'Burmese',
      'Han',
      'one character',
    ],
  },
  countWords: {
    run: countWords,
    against: ['long line of words', 'letters and hyphens', 'dots', 'quotes', 'one character'],
  },
  'notes (wikilinks, code spans, citations, backlinks, titles)': {
    run: (s) => [
      parseWikilinks(s),
      codeRanges(s),
      parseCitations(s),
      noteBacklinks([note('n1', s), note('a', '')], note('a', '')),
      articleBacklinks([note('n1', `> ${s}\n> — [T](quire://article/a1)`)], 'a1'),
      titleKey(s),
    ],
    against: [
      'backticks',
      'code fences',
      'unclosed [[',
      'unclosed quire links',
      '[',
      'quote markers',
      'newlines',
      'blank lines of spaces',
      'spaces',
    ],
  },
  'note editor (mentions, outline, link targets, templates, narrowing)': {
    run: (s) => [
      findMentions(s, 'Alexander Fomin'),
      findMentions(s, 'a b'),
      linkMentions(s, 'Alexander   Fomin'),
      outlineOf(s),
      splitTarget(s),
      fillTemplate(s, { title: 't', date: '2026-11-22', time: '09:30' }),
      new BigramNarrower([s, 'Alexander Fomin']).candidates(s.slice(0, 300), 10),
    ],
    against: [
      'spaces',
      'newlines',
      'heading with spaces',
      'heading with hashes',
      'code fences',
      'unclosed [[',
      'unclosed {{',
      'title words',
      '[',
      'one character',
      'long line of words',
    ],
  },
  'extractHtml (title, meta, text, <pre>, <br>)': {
    run: (s) =>
      extractHtml(
        `<html lang="en"><head><title>${s}</title><meta name="author" content="${s}"></head>` +
          `<body><article><h1>${s}</h1><p>${s}</p><pre>${s}</pre><p>${s}<br><br>${s}</p></article></body></html>`,
      ),
    against: ['spaces', 'newlines', 'blank lines of spaces', 'quotes', 'ampersands', 'long line of words'],
    n: 2 * 1024,
  },
};

/** CPU time in ms: unlike the wall clock it does not count the time other processes on a busy machine take. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Best CPU time per call in ms: batches long enough to measure, the fastest of several. */
function timePerCall(run: (s: string) => unknown, input: string): number {
  run(input);
  let reps = 1;
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = cpuMs();
    for (let i = 0; i < reps; i++) run(input);
    const elapsed = cpuMs() - start;
    best = Math.min(best, elapsed / reps);
    // Calls under a few milliseconds are batched so the clock's resolution does not decide the ratio.
    if (elapsed < 4) reps = Math.min(1024, reps * 4);
    // A call this long is measured well enough by two runs.
    else if (elapsed > 50 && round >= 1) break;
  }
  return best;
}

/**
 * Figures for a failure message when `run` grows super-linearly from n to 8n: by more than RATIO overall and
 * by more than DOUBLING at each doubling. Null when it does not.
 */
function growth(run: (s: string) => unknown, make: (n: number) => string, n: number): string | null {
  const at = (size: number): number => timePerCall(run, make(size));
  const small = at(n);
  const large = at(8 * n);
  if (large / small < RATIO) return null;
  const times = [small, at(2 * n), at(4 * n), large];
  const steps = times.slice(1).map((t, i) => t / (times[i] ?? t));
  if (Math.min(...steps) < DOUBLING) return null;
  return `${times.map((t, i) => `${t.toFixed(2)} ms at ${n * 2 ** i}`).join(', ')}`;
}

/** The adversaries under which `run` grows super-linearly. */
function superLinear(subject: Subject): string[] {
  const n = subject.n ?? N;
  const slow: string[] = [];
  for (const name of subject.against) {
    const figures = growth(subject.run, adversaries[name], n);
    if (figures !== null) slow.push(`${name}: ${figures}`);
  }
  return slow;
}

describe('patterns over imported text grow linearly with the input', () => {
  for (const [name, subject] of Object.entries(subjects)) {
    it(name, () => {
      expect(superLinear(subject)).toEqual([]);
    });
  }

  it('1 MiB of one character, through the cleaner, the tokenizer and the note parsers', () => {
    const chars = [' ', '\n', 'a', '.', '-', '<', '*', '[', '`', '#', '>', '&'];
    const run = (s: string) => [
      canonicalize(s),
      stripInline(s),
      tokenize(s),
      countWords(s),
      codeRanges(s),
      parseWikilinks(s),
      parseCitations(s),
    ];
    const slow: string[] = [];
    for (const c of chars) {
      const figures = growth(run, (n) => c.repeat(n), 128 * 1024);
      if (figures !== null) slow.push(`${JSON.stringify(c)}: ${figures}`);
    }
    expect(slow).toEqual([]);
  });
});
