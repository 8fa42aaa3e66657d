import type * as PdfJsModule from 'pdfjs-dist';
import { QuireError } from '../errors';
import type { CandidateBlock } from './assemble';
import { isDateLine, parseDate } from './dates';
import type { FormatResult } from './format-result';
import { layoutPdf, type PdfPageText, type PdfTextRun } from './pdf-layout';

/** Past this, a "PDF" is a book or a scan archive, not an article; refusing keeps memory and time bounded. */
export const MAX_PDF_PAGES = 2000;

type PdfJs = typeof PdfJsModule;

let loaded: Promise<PdfJs> | null = null;

/**
 * pdfjs is large, so it loads on the first PDF. Its worker code runs in this thread ("fake worker"):
 * handing it the worker module directly means pdfjs never resolves a worker file path at run time.
 */
function loadPdfJs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const pdfjs: PdfJs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const worker: unknown = await import(/* @vite-ignore */ workerModule);
    Object.assign(globalThis, { pdfjsWorker: worker });
    return pdfjs;
  })();
  return loaded;
}

function errorName(e: unknown): string {
  return e instanceof Error
    ? e.name
    : typeof e === 'object' && e !== null && 'name' in e
      ? String(e.name)
      : '';
}

function openError(e: unknown): QuireError {
  if (errorName(e) === 'PasswordException') {
    return new QuireError(
      'BAD_INPUT',
      'This PDF is password-protected; Quire cannot open encrypted PDFs. Save a copy without the password and import that.',
      { cause: e },
    );
  }
  return new QuireError(
    'BAD_INPUT',
    'This PDF is damaged or is not really a PDF; Quire could not read it. Try opening it in a PDF viewer and saving it again.',
    { cause: e },
  );
}

/** Document-info strings that name a tool, a template or a file rather than the article. */
const JUNK_TITLE =
  /^(untitled|microsoft word\b|document\d*$|slide \d+$)|\.(docx?|pdf|indd|rtf|odt|pages|tex|html?)$/i;
const JUNK_AUTHOR = /^(admin(istrator)?|user|owner|unknown|author|microsoft office user|default)$/i;

function infoString(info: Record<string, unknown>, key: string): string | null {
  const value = info[key];
  if (typeof value !== 'string') return null;
  const t = value.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** `D:20170314120000+07'00'` → `2017-03-14`. */
export function parsePdfDate(value: string | null): string | null {
  const m = value ? /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value.trim()) : null;
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

type TextItems = Awaited<
  ReturnType<Awaited<ReturnType<PdfJsDocument['getPage']>>['getTextContent']>
>['items'];
type PdfJsDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

function runsOf(items: TextItems): PdfTextRun[] {
  const runs: PdfTextRun[] = [];
  for (const item of items) {
    if (!('str' in item)) continue;
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform.map((n: unknown) =>
      typeof n === 'number' ? n : 0,
    );
    // Rotated runs (margin stamps, vertical sidebars) are not part of the reading text.
    if (Math.abs(b) > Math.abs(a) || Math.abs(c) > Math.abs(d)) continue;
    runs.push({
      text: item.str,
      x,
      y,
      width: item.width,
      size: Math.hypot(c, d) || Math.hypot(a, b),
      hasEOL: item.hasEOL,
    });
  }
  return runs;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/** A dateline among the first lines of the article beats any file date (those are print or save dates). */
function datelineOf(blocks: readonly CandidateBlock[]): string | null {
  for (const block of blocks.filter((b) => b.kept !== false).slice(0, 6)) {
    if (isDateLine(block.text)) return parseDate(block.text);
  }
  return null;
}

/** A PDF to blocks and metadata: text layer only (no rendering, no fonts, no network). */
export async function extractPdf(bytes: Uint8Array): Promise<FormatResult> {
  const pdfjs = await loadPdfJs();
  // pdfjs takes ownership of (detaches) the buffer it is given; the caller still needs its bytes.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    let doc;
    try {
      doc = await task.promise;
    } catch (e) {
      throw openError(e);
    }
    if (doc.numPages > MAX_PDF_PAGES) {
      throw new QuireError(
        'BAD_INPUT',
        `This PDF has ${doc.numPages.toLocaleString('en')} pages; Quire imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages. Split it into parts and import those.`,
      );
    }
    const pages: PdfPageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const [, y0 = 0, , y1 = 0] = page.view;
      pages.push({ number: n, height: Math.abs(y1 - y0), runs: runsOf(content.items) });
      page.cleanup();
    }
    const { blocks, titleGuess } = layoutPdf(pages);
    if (!blocks.some((b) => b.kept !== false && b.text.trim() !== '')) {
      throw new QuireError(
        'BAD_INPUT',
        'This PDF has no text layer (it is probably scanned pages); Quire cannot read text from images. Run it through OCR first.',
      );
    }
    const meta = await doc.getMetadata().catch(() => null);
    const info: Record<string, unknown> =
      meta && typeof meta.info === 'object' && meta.info !== null ? { ...meta.info } : {};
    const xmp = meta?.metadata ?? null;
    const infoTitle = infoString(info, 'Title') ?? (xmp?.get('dc:title') || null);
    const goodTitle = infoTitle && !JUNK_TITLE.test(infoTitle) ? infoTitle : null;
    const title = goodTitle ?? titleGuess;
    // The big first line stays text when the document info names a different title.
    const finalBlocks =
      title === null || titleGuess === null || sameText(title, titleGuess)
        ? blocks
        : blocks.map((b) => (b.reason === 'title' ? { ...b, kept: true, reason: null } : b));
    const author = infoString(info, 'Author') ?? (xmp?.get('dc:creator') || null);
    return {
      title,
      author: author && !JUNK_AUTHOR.test(author) ? author : null,
      published:
        datelineOf(finalBlocks) ??
        parseDate(String(xmp?.get('dc:date') ?? '')) ??
        parsePdfDate(infoString(info, 'CreationDate')),
      source: null,
      url: null,
      language: infoString(info, 'Language'),
      blocks: finalBlocks,
    };
  } finally {
    await task.destroy();
  }
}
