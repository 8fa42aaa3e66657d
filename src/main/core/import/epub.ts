import { posix } from 'node:path';
import { QuireError } from '../errors';
import type { CandidateBlock } from './assemble';
import { parseDate } from './dates';
import type { FormatResult } from './format-result';
import { blocksFromMarkup, markTitleBlock } from './markup-blocks';
import { readZip, zipText, type ZipContents } from './zip-guard';
import { xmlElements, xmlText } from './xml-lite';

const CHAPTER_TYPES = new Set(['application/xhtml+xml', 'text/html', 'application/xml']);

function damaged(what: string): never {
  throw new QuireError('BAD_INPUT', `This .epub file is damaged (${what}); Quire could not open it.`);
}

/** Resolves an OPF-relative href to a zip entry name (hrefs are URL-encoded and may carry a #fragment). */
function resolveHref(opfPath: string, href: string): string {
  let path = href.split('#')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is kept literally: the entry lookup then simply fails.
  }
  return posix.normalize(posix.join(posix.dirname(opfPath), path)).replace(/^\.\//, '');
}

function findOpfPath(zip: ZipContents): string {
  const container = zipText(zip, 'META-INF/container.xml');
  const fromContainer = container ? xmlElements(container, 'rootfile')[0]?.attrs['full-path'] : undefined;
  if (fromContainer && zip.names.has(fromContainer)) return fromContainer;
  // Some generators omit or misname container.xml; a single .opf in the archive is unambiguous.
  const opfs = [...zip.names].filter((n) => n.toLowerCase().endsWith('.opf'));
  if (opfs.length === 1 && opfs[0]) return opfs[0];
  return damaged('no package file (.opf) was found');
}

interface Spine {
  chapters: string[];
  title: string | null;
  author: string | null;
  published: string | null;
  language: string | null;
  source: string | null;
}

function readSpine(opfPath: string, opf: string): Spine {
  const manifest = new Map<string, { href: string; type: string }>();
  for (const item of xmlElements(opf, 'item')) {
    const id = item.attrs['id'];
    const href = item.attrs['href'];
    if (id && href) manifest.set(id, { href, type: item.attrs['media-type'] ?? '' });
  }
  const chapters: string[] = [];
  for (const ref of xmlElements(opf, 'itemref')) {
    if (ref.attrs['linear'] === 'no') continue;
    const item = manifest.get(ref.attrs['idref'] ?? '');
    if (item && CHAPTER_TYPES.has(item.type)) chapters.push(resolveHref(opfPath, item.href));
  }
  const creators = xmlElements(opf, 'creator')
    .map((c) => c.text.replace(/\s+/g, ' ').trim())
    .filter((c) => c !== '');
  const date = xmlText(opf, 'date');
  return {
    chapters,
    title: xmlText(opf, 'title'),
    author: creators.length > 0 ? creators.join(', ') : null,
    published: date ? parseDate(date) : null,
    language: xmlText(opf, 'language'),
    source: xmlText(opf, 'publisher'),
  };
}

/** An .epub to blocks: the spine's chapters in reading order, metadata from the OPF package file. */
export function extractEpub(bytes: Uint8Array): FormatResult {
  // Two passes: the package files first, then only the chapters the spine names (bounded by the guard).
  const head = readZip(
    bytes,
    '.epub',
    (n) => n === 'META-INF/container.xml' || n.toLowerCase().endsWith('.opf'),
  );
  const opfPath = findOpfPath(head);
  const opf = zipText(head, opfPath);
  if (opf === null) return damaged('the package file could not be read');
  const spine = readSpine(opfPath, opf);
  if (spine.chapters.length === 0) damaged('its reading order lists no chapters');
  const wanted = new Set(spine.chapters);
  const body = readZip(bytes, '.epub', (n) => wanted.has(n));
  let blocks: CandidateBlock[] = [];
  for (const chapter of spine.chapters) {
    const xhtml = zipText(body, chapter);
    if (xhtml !== null) blocks.push(...blocksFromMarkup(xhtml.replace(/^<\?xml[^>]*>/, '')));
  }
  const title = spine.title ?? blocks.find((b) => b.kind === 'heading')?.text ?? null;
  if (title !== null) blocks = markTitleBlock(blocks, title);
  return {
    title,
    author: spine.author,
    published: spine.published,
    source: spine.source,
    url: null,
    language: spine.language,
    blocks,
  };
}
