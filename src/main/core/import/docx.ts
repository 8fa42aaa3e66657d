import mammoth from 'mammoth';
import { QuireError } from '../errors';
import type { CandidateBlock } from './assemble';
import { parseDate } from './dates';
import type { FormatResult } from './format-result';
import { blocksFromMarkup, markTitleBlock } from './markup-blocks';
import { readZip, zipText } from './zip-guard';
import { xmlText } from './xml-lite';

// Quote and title styles are not in mammoth's default map; without these they come out as plain <p>.
const STYLE_MAP = [
  "p[style-name='Title'] => h1.doc-title:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
];

export interface DocxMetadata {
  title: string | null;
  author: string | null;
  /** `dcterms:created`, else `dcterms:modified`, as `YYYY-MM-DD`. */
  date: string | null;
  language: string | null;
}

/** Metadata from `docProps/core.xml` (Dublin Core); absent or blank fields stay null. */
export function readDocxMetadata(coreXml: string | null): DocxMetadata {
  if (coreXml === null) return { title: null, author: null, date: null, language: null };
  const clean = (s: string | null): string | null => {
    const t = s?.replace(/\s+/g, ' ').trim() ?? '';
    return t === '' ? null : t;
  };
  const created = clean(xmlText(coreXml, 'created'));
  const modified = clean(xmlText(coreXml, 'modified'));
  return {
    title: clean(xmlText(coreXml, 'title')),
    author: clean(xmlText(coreXml, 'creator')),
    date: (created ? parseDate(created) : null) ?? (modified ? parseDate(modified) : null),
    language: clean(xmlText(coreXml, 'language')),
  };
}

/** Converts with mammoth: no external files, images reduced to empty placeholders so none are decoded. */
async function docxToHtml(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    return result.value;
  } catch (e) {
    throw new QuireError(
      'BAD_INPUT',
      'This .docx file could not be read as a Word document; it may be damaged. Try saving it again from Word.',
      { cause: e },
    );
  }
}

/** A .docx file to blocks and metadata. The zip is checked for bombs before mammoth unpacks anything. */
export async function extractDocx(bytes: Uint8Array): Promise<FormatResult> {
  const parts = readZip(bytes, '.docx', (name) => name === 'docProps/core.xml');
  const meta = readDocxMetadata(zipText(parts, 'docProps/core.xml'));
  const html = await docxToHtml(bytes);
  let blocks: CandidateBlock[] = blocksFromMarkup(html);
  // A "Title"-styled first paragraph is the document's title: metadata, not a passage.
  const first = blocks[0];
  const styledTitle = first && /<h1 class="doc-title">/.test(html.slice(0, 200)) ? first.text : null;
  const title = meta.title ?? styledTitle ?? blocks.find((b) => b.kind === 'heading')?.text ?? null;
  if (title !== null) blocks = markTitleBlock(blocks, title);
  return {
    title,
    author: meta.author,
    published: meta.date,
    source: null,
    url: null,
    language: meta.language,
    blocks,
  };
}
