// Test documents built in code, so each test shows exactly what the file contains.
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { isQuireError } from '../../../../src/main/core/errors';

/** The BAD_INPUT sentence a refused import shows; fails the test when the call succeeds or fails otherwise. */
export async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    if (isQuireError(e) && e.code === 'BAD_INPUT') return e.message;
    throw e;
  }
  throw new Error('expected the import to be refused');
}

export interface PdfLineSpec {
  text: string;
  x?: number;
  y: number;
  size: number;
}

export interface PdfSpec {
  pages: PdfLineSpec[][];
  title?: string;
  author?: string;
  created?: Date;
}

/** A US-letter-ish PDF (600×800 pt) with Times Roman lines exactly where the spec puts them. */
export async function buildPdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  if (spec.title !== undefined) doc.setTitle(spec.title);
  if (spec.author !== undefined) doc.setAuthor(spec.author);
  if (spec.created) doc.setCreationDate(spec.created);
  for (const lines of spec.pages) {
    const page = doc.addPage([600, 800]);
    for (const line of lines) page.drawText(line.text, { x: line.x ?? 72, y: line.y, size: line.size, font });
  }
  return doc.save();
}

const HEADER = 'Myanmar Review — 2017';

/** Body lines from the top of the body area down, with the leading and indents a typeset article has. */
function typeset(
  paragraphs: { lines: string[]; size?: number; gapBefore?: number }[],
  top = 700,
): PdfLineSpec[] {
  const out: PdfLineSpec[] = [];
  let y = top;
  for (const p of paragraphs) {
    const size = p.size ?? 11;
    y -= p.gapBefore ?? 0;
    p.lines.forEach((text, i) => {
      out.push({ text, x: size === 11 && i === 0 ? 90 : 72, y, size });
      y -= size === 11 ? 14 : size * 1.3;
    });
  }
  return out;
}

export const ARTICLE = {
  title: 'Russia and Myanmar: An Arms Partnership',
  paragraph1:
    'Russian military cooperation with Myanmar deepened in 2017 as the two governments signed new agreements on training and supply, officials in Naypyitaw said on Tuesday.',
  paragraph2:
    'The deliveries of Su-30SM fighter jets were announced at the Moscow forum, where Alexander Fomin praised the partnership.',
  paragraph3:
    'Analysts at SIPRI said the arms trade had grown every year since 2010 and that Russia was now the second supplier.',
  heading: 'Background of the deal',
  paragraph4:
    'Negotiations began long before the coup, when a delegation travelled to Moscow to discuss air defense systems and training for pilots of the air force, and they continued through the following year.',
};

/** Three pages: a title, paragraphs with indents and gaps, a heading, a paragraph running across a page break. */
export function articleSpec(withInfo: boolean): PdfSpec {
  const furniture = (n: number): PdfLineSpec[] => [
    { text: HEADER, y: 770, size: 9, x: 240 },
    { text: String(n), y: 30, size: 9, x: 296 },
  ];
  const page1 = [
    ...furniture(1),
    { text: ARTICLE.title, y: 720, size: 22 },
    ...typeset(
      [
        {
          lines: [
            'Russian military cooperation with Myanmar deepened in 2017 as the two',
            'governments signed new agreements on training and supply, officials in',
            'Naypyitaw said on Tuesday.',
          ],
        },
        {
          gapBefore: 10,
          lines: [
            'The deliveries of Su-30SM fighter jets were announced at the Moscow forum,',
            'where Alexander Fomin praised the partner-',
            'ship.',
          ],
        },
      ],
      680,
    ),
  ];
  const page2 = [
    ...furniture(2),
    ...typeset(
      [
        {
          lines: [
            'Analysts at SIPRI said the arms trade had grown every year since 2010 and',
            'that Russia was now the second supplier.',
          ],
        },
        { gapBefore: 12, size: 15, lines: [ARTICLE.heading] },
        {
          gapBefore: 8,
          lines: [
            'Negotiations began long before the coup, when a delegation travelled to',
            'Moscow to discuss air defense systems and training for pilots of the air',
          ],
        },
      ],
      740,
    ),
  ];
  const page3 = [
    ...furniture(3),
    { text: 'force, and they continued through the following year.', y: 740, size: 11 },
  ];
  return {
    pages: [page1, page2, page3],
    ...(withInfo
      ? { title: ARTICLE.title, author: 'Thuzar Win', created: new Date('2017-03-14T10:00:00Z') }
      : {}),
  };
}

export interface DocxSpec {
  /** `w:p` elements: [style id or null, text]. */
  paragraphs: [string | null, string][];
  core?: string;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>
</w:styles>`;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A minimal but valid .docx: content types, relationships, styles, the document and optional core.xml. */
export function buildDocx(spec: DocxSpec): Uint8Array {
  const body = spec.paragraphs
    .map(([style, text]) => {
      const pPr = style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : '';
      return `<w:p>${pPr}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
    })
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
  <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`),
    'word/styles.xml': strToU8(STYLES),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  };
  if (spec.core !== undefined) files['docProps/core.xml'] = strToU8(spec.core);
  return zipSync(files);
}

export function coreXml(fields: {
  title?: string;
  creator?: string;
  created?: string;
  modified?: string;
}): string {
  const el = (tag: string, v: string | undefined, attrs = ''): string =>
    v === undefined ? '' : `<${tag}${attrs}>${escapeXml(v)}</${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${el('dc:title', fields.title)}${el('dc:creator', fields.creator)}${el('dcterms:created', fields.created, ' xsi:type="dcterms:W3CDTF"')}${el('dcterms:modified', fields.modified, ' xsi:type="dcterms:W3CDTF"')}</cp:coreProperties>`;
}

export interface EpubSpec {
  /** Chapter file name → XHTML body markup. */
  chapters: Record<string, string>;
  /** Chapter file names in reading order. */
  spine: string[];
  metadata: string;
}

export function buildEpub(spec: EpubSpec): Uint8Array {
  const items = Object.keys(spec.chapters)
    .map((name, i) => `<item id="c${i}" href="text/${encodeURI(name)}" media-type="application/xhtml+xml"/>`)
    .join('');
  const ids = Object.keys(spec.chapters);
  const refs = spec.spine.map((name) => `<itemref idref="c${ids.indexOf(name)}"/>`).join('');
  const files: Record<string, Uint8Array> = {
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8(`<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`),
    'OEBPS/content.opf': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${spec.metadata}</metadata>
  <manifest>${items}</manifest>
  <spine>${refs}</spine>
</package>`),
  };
  for (const [name, body] of Object.entries(spec.chapters)) {
    files[`OEBPS/text/${name}`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title><style>p { color: red }</style></head><body>${body}</body></html>`);
  }
  return zipSync(files);
}
