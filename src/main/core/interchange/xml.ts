// XML in and out through fast-xml-parser (pure JavaScript, no native code, never fetches anything). Reading
// refuses any document type declaration outright: a DTD is how XXE (external entities reading local files)
// and entity-expansion bombs get in, and no REFI-QDA file needs one. Only the five predefined entities and
// character references are decoded.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { QuireError } from '../errors';

export type XmlNode = Record<string, unknown>;

const DTD = /<!DOCTYPE|<!ENTITY/i;

/** Elements that may repeat in REFI-QDA files: always read as arrays, so one and many look the same. */
const REPEATED = new Set([
  'User',
  'Code',
  'Variable',
  'VariableValue',
  'Case',
  'Set',
  'MemberCode',
  'MemberSource',
  'MemberNote',
  'TextSource',
  'PictureSource',
  'PDFSource',
  'AudioSource',
  'VideoSource',
  'PlainTextSelection',
  'PictureSelection',
  'PDFSelection',
  'AudioSelection',
  'VideoSelection',
  'Transcript',
  'TranscriptSelection',
  'SyncPoint',
  'Coding',
  'NoteRef',
  'CodeRef',
  'SourceRef',
  'SelectionRef',
  'Note',
  'Link',
  'Graph',
  'Vertex',
  'Edge',
]);

/** Parses `xml` (what, e.g. "This .qdpx file's project", names it in errors); refuses DTDs and broken XML. */
export function parseXml(xml: string, what: string): XmlNode {
  const text = xml.replace(/^\ufeff/, '');
  if (DTD.test(text)) {
    throw new QuireError(
      'BAD_INPUT',
      `${what} declares a DTD or entities, which REFI-QDA files never need and which can make an XML reader fetch files or expand without limit (XXE); Quire refused it and changed nothing.`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new QuireError(
      'BAD_INPUT',
      `${what} is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}); Quire changed nothing.`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => REPEATED.has(name),
  });
  try {
    return parser.parse(text) as XmlNode;
  } catch (e) {
    // The parser's own limits (elements nested over 100 deep, which no codebook is): a file problem, said so.
    const why = e instanceof Error ? e.message : String(e);
    throw new QuireError('BAD_INPUT', `${what} could not be read (${why}); Quire changed nothing.`);
  }
}

// XML 1.0 cannot carry most control characters at all, even escaped.
// eslint-disable-next-line no-control-regex -- removing control characters is the point here
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text as XML can carry it: invalid characters dropped, carriage returns as line feeds (XML reads them so). */
export function xmlSafe(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(NOT_XML, '');
}

/** Serializes a node tree (attributes as `@name`, text as `#text`) with an XML declaration. */
export function buildXml(root: XmlNode): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
    processEntities: true,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root) as string}`;
}

/** Helpers for reading parsed nodes without `any`. */
export const xml = {
  list(node: unknown, name: string): XmlNode[] {
    if (!isNode(node)) return [];
    const v = node[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isNode);
  },
  child(node: unknown, name: string): XmlNode | undefined {
    return xml.list(node, name)[0];
  },
  attr(node: unknown, name: string): string | undefined {
    if (!isNode(node)) return undefined;
    const v = node[`@${name}`];
    return typeof v === 'string' ? v : undefined;
  },
  /** The text of a child element (`<Description>…</Description>`), '' when absent. */
  text(node: unknown, name: string): string {
    if (!isNode(node)) return '';
    const v = node[name];
    const first: unknown = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') return first;
    if (isNode(first) && typeof first['#text'] === 'string') return first['#text'];
    return '';
  },
  has(node: unknown, name: string): boolean {
    return isNode(node) && node[name] !== undefined;
  },
};

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
