// Reads a REFI-QDA project (QDPX) or codebook (QDC) into plain data: codes as a tree, text sources with their
// text and coded selections, notes. Everything Quire has no place for (pictures, audio, video, PDF areas, cases,
// sets, graphs, links, whole-document codings) is counted in `unmapped`, never silently dropped.
import { QuireError } from '../errors';
import { readZip, zipText } from '../import/zip-guard';
import { guidKey } from './guid';
import { utf16Index } from './codepoints';
import { parseXml, xml, type XmlNode } from './xml';

export interface ReadCode {
  guid: string;
  name: string;
  color: string | null;
  description: string;
  memo: string;
  codable: boolean;
  children: ReadCode[];
}

export interface ReadSelection {
  guid: string;
  /** UTF-16 offsets into the source's text, end exclusive. */
  start: number;
  end: number;
  codes: string[];
  memo: string;
  createdAt: string | null;
}

export interface ReadSource {
  guid: string;
  name: string;
  text: string;
  variables: Map<string, string>;
  memo: string;
  createdAt: string | null;
  selections: ReadSelection[];
}

export interface ReadNote {
  guid: string;
  title: string;
  body: string;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface ReadProject {
  name: string;
  origin: string;
  codes: ReadCode[];
  sources: ReadSource[];
  /** Notes not attached to a code, source or selection: they become Quire notes. */
  notes: ReadNote[];
  /** What could not be brought in, in words, with how many. */
  unmapped: { what: string; count: number }[];
}

const MAX_TEXT_BYTES = 64 * 1024 * 1024;

class Unmapped {
  private readonly counts = new Map<string, number>();
  add(what: string, n = 1): void {
    if (n > 0) this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }
  list(): { what: string; count: number }[] {
    return [...this.counts].map(([what, count]) => ({ what, count }));
  }
}

function readCodes(
  parent: unknown,
  notes: Map<string, XmlNode>,
  used: Set<string>,
  withMemos: boolean,
): ReadCode[] {
  return xml.list(parent, 'Code').map((c) => ({
    guid: guidKey(xml.attr(c, 'guid') ?? ''),
    name: (xml.attr(c, 'name') ?? '').trim() || 'Unnamed code',
    color: /^#[0-9a-f]{6}$/i.test(xml.attr(c, 'color') ?? '')
      ? (xml.attr(c, 'color') ?? '').toLowerCase()
      : expandShortColor(xml.attr(c, 'color')),
    description: xml.text(c, 'Description'),
    memo: withMemos ? memoOf(c, notes, used) : '',
    codable: xml.attr(c, 'isCodable') !== 'false',
    children: readCodes(c, notes, used, withMemos),
  }));
}

function expandShortColor(color: string | undefined): string | null {
  const m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color ?? '');
  return m ? `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toLowerCase() : null;
}

/** The notes a NoteRef of this element points at, joined: they become the element's memo. */
function memoOf(el: unknown, notes: Map<string, XmlNode>, used: Set<string>): string {
  const parts: string[] = [];
  for (const ref of xml.list(el, 'NoteRef')) {
    const key = guidKey(xml.attr(ref, 'targetGUID') ?? '');
    const note = notes.get(key);
    if (!note) continue;
    used.add(key);
    parts.push(xml.text(note, 'PlainTextContent'));
  }
  return parts.join('\n\n');
}

/** A REFI-QDA codebook (.qdc): `<CodeBook><Codes>…`. */
export function readCodebook(xmlText: string): {
  codes: ReadCode[];
  unmapped: { what: string; count: number }[];
} {
  const doc = parseXml(xmlText, 'This .qdc codebook');
  const book = xml.child(doc, 'CodeBook');
  if (!book) {
    throw new QuireError(
      'BAD_INPUT',
      'This file is not a REFI-QDA codebook (its root element is not <CodeBook>); Quire changed nothing.',
    );
  }
  const unmapped = new Unmapped();
  unmapped.add('code sets', xml.list(xml.child(book, 'Sets'), 'Set').length);
  return {
    codes: readCodes(xml.child(book, 'Codes'), new Map(), new Set(), false),
    unmapped: unmapped.list(),
  };
}

/** A REFI-QDA project (.qdpx): a zip holding `project.qde` and `sources/`. */
export function readQdpx(bytes: Uint8Array): ReadProject {
  const zip = readZip(bytes, '.qdpx', (name) => /\.qde$/i.test(name) || /^sources\/[^/]+\.txt$/i.test(name));
  const qdeName = [...zip.names].find((n) => /^[^/]*\.qde$/i.test(n));
  const qde = qdeName ? zipText(zip, qdeName) : null;
  if (qde === null) {
    throw new QuireError(
      'BAD_INPUT',
      'This .qdpx file holds no project.qde (it is not a REFI-QDA project export); Quire changed nothing.',
    );
  }
  const doc = parseXml(qde, 'This .qdpx file’s project');
  const project = xml.child(doc, 'Project');
  if (!project) {
    throw new QuireError(
      'BAD_INPUT',
      'This .qdpx file’s project.qde has no <Project> element; Quire changed nothing.',
    );
  }
  const files = new Map([...zip.files].map(([name, data]) => [name.toLowerCase(), data]));
  const unmapped = new Unmapped();

  const notes = new Map<string, XmlNode>();
  for (const n of xml.list(xml.child(project, 'Notes'), 'Note'))
    notes.set(guidKey(xml.attr(n, 'guid') ?? ''), n);
  const used = new Set<string>();

  const codes = readCodes(xml.child(xml.child(project, 'CodeBook'), 'Codes'), notes, used, true);
  const variableNames = new Map(
    xml
      .list(xml.child(project, 'Variables'), 'Variable')
      .map((v) => [guidKey(xml.attr(v, 'guid') ?? ''), xml.attr(v, 'name') ?? '']),
  );

  const sources: ReadSource[] = [];
  const all = xml.child(project, 'Sources');
  for (const s of xml.list(all, 'TextSource')) {
    const source = readTextSource(s, files, notes, used, variableNames, unmapped);
    if (source) sources.push(source);
  }
  for (const p of xml.list(all, 'PDFSource')) {
    unmapped.add(
      'PDF area selections (Quire codes text, not page areas)',
      xml.list(p, 'PDFSelection').length,
    );
    unmapped.add('codings of whole documents (Quire codes passages)', xml.list(p, 'Coding').length);
    const rep = xml.child(p, 'Representation');
    const source = rep
      ? readTextSource(
          { ...rep, '@name': xml.attr(p, 'name') ?? xml.attr(rep, 'name') },
          files,
          notes,
          used,
          variableNames,
          unmapped,
        )
      : null;
    if (source) {
      source.memo = [memoOf(p, notes, used), source.memo].filter(Boolean).join('\n\n');
      sources.push(source);
    } else unmapped.add('PDF sources without a text representation');
  }
  unmapped.add('picture sources', xml.list(all, 'PictureSource').length);
  unmapped.add('audio sources', xml.list(all, 'AudioSource').length);
  unmapped.add('video sources', xml.list(all, 'VideoSource').length);
  unmapped.add('cases', xml.list(xml.child(project, 'Cases'), 'Case').length);
  unmapped.add('sets', xml.list(xml.child(project, 'Sets'), 'Set').length);
  unmapped.add('graphs', xml.list(xml.child(project, 'Graphs'), 'Graph').length);
  unmapped.add('links between items', xml.list(xml.child(project, 'Links'), 'Link').length);

  const readNotes: ReadNote[] = [];
  for (const [key, n] of notes) {
    if (used.has(key)) continue;
    readNotes.push({
      guid: key,
      title: (xml.attr(n, 'name') ?? '').trim() || 'Untitled note',
      body: xml.text(n, 'PlainTextContent'),
      createdAt: xml.attr(n, 'creationDateTime') ?? null,
      updatedAt: xml.attr(n, 'modifiedDateTime') ?? null,
    });
  }
  return {
    name: xml.attr(project, 'name') ?? '',
    origin: xml.attr(project, 'origin') ?? '',
    codes,
    sources,
    notes: readNotes,
    unmapped: unmapped.list(),
  };
}

function readTextSource(
  s: XmlNode,
  files: Map<string, Uint8Array>,
  notes: Map<string, XmlNode>,
  used: Set<string>,
  variableNames: Map<string, string>,
  unmapped: Unmapped,
): ReadSource | null {
  const name = (xml.attr(s, 'name') ?? '').trim() || 'Untitled source';
  let text: string | null = xml.has(s, 'PlainTextContent') ? xml.text(s, 'PlainTextContent') : null;
  const path = xml.attr(s, 'plainTextPath');
  if (text === null && path) {
    const m = /^internal:\/\/(.+)$/i.exec(path.trim());
    const data = m ? files.get(`sources/${(m[1] ?? '').toLowerCase()}`) : undefined;
    if (data && data.byteLength <= MAX_TEXT_BYTES) {
      text = new TextDecoder('utf-8').decode(data).replace(/^\ufeff/, '');
    }
  }
  if (text === null) {
    unmapped.add(`text sources whose text is not inside the file (${name})`);
    return null;
  }
  unmapped.add('codings of whole documents (Quire codes passages)', xml.list(s, 'Coding').length);
  const units = utf16Index(text);
  const selections: ReadSelection[] = [];
  for (const sel of xml.list(s, 'PlainTextSelection')) {
    const a = Number(xml.attr(sel, 'startPosition'));
    const b = Number(xml.attr(sel, 'endPosition'));
    const last = units.length - 1;
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b <= a || b > last) {
      unmapped.add('selections outside their text');
      continue;
    }
    selections.push({
      guid: guidKey(xml.attr(sel, 'guid') ?? ''),
      start: units[a] ?? 0,
      end: units[b] ?? 0,
      codes: xml
        .list(sel, 'Coding')
        .map((c) => guidKey(xml.attr(xml.child(c, 'CodeRef'), 'targetGUID') ?? '')),
      memo: [xml.text(sel, 'Description'), memoOf(sel, notes, used)].filter((m) => m.trim()).join('\n\n'),
      createdAt: xml.attr(sel, 'creationDateTime') ?? null,
    });
  }
  const variables = new Map<string, string>();
  for (const v of xml.list(s, 'VariableValue')) {
    const varName = variableNames.get(guidKey(xml.attr(xml.child(v, 'VariableRef'), 'targetGUID') ?? ''));
    const value = ['TextValue', 'DateValue', 'DateTimeValue', 'IntegerValue', 'FloatValue', 'BooleanValue']
      .map((k) => xml.text(v, k))
      .find((x) => x !== '');
    if (varName && value !== undefined) variables.set(varName.toLowerCase(), value.trim());
  }
  const description = xml.text(s, 'Description').trim();
  return {
    guid: guidKey(xml.attr(s, 'guid') ?? ''),
    name,
    text,
    variables,
    memo: [description, memoOf(s, notes, used)].filter(Boolean).join('\n\n'),
    createdAt: xml.attr(s, 'creationDateTime') ?? null,
    selections,
  };
}
