// A notebook as a REFI-QDA project (QDPX: a zip of project.qde plus sources/): articles as plain-text sources
// with their metadata as variables, the codebook with hierarchy, colours and descriptions, each highlight as a
// plain-text selection coded with its tags, memos as notes linked to what they annotate, Quire's notes as
// project notes. Positions are in Unicode code points, end exclusive (as QualCoder and MAXQDA read them).
import { strToU8, zipSync } from 'fflate';
import { buildTree, nestedOf, type TagNode } from '../codebook/tree';
import { APP_VERSION } from '../app/version';
import type { Note } from '../types';
import type { NotebookSnapshot } from '../export/snapshot';
import { rewriteCitationLinks } from './citation-links';
import { codePointIndex } from './codepoints';
import { codeElement } from './qdc';
import { guidFor } from './guid';
import { buildXml, xmlSafe, type XmlNode } from './xml';

export const QDPX_NAMESPACE = 'urn:QDA-XML:project:1.0';

/** The metadata variables every exported source carries (REFI-QDA has no fixed fields for them). */
export const VARIABLES = [
  { field: 'author', name: 'Author', type: 'Text' },
  { field: 'published', name: 'Published', type: 'Date' },
  { field: 'source', name: 'Source', type: 'Text' },
  { field: 'url', name: 'URL', type: 'Text' },
  { field: 'language', name: 'Language', type: 'Text' },
] as const;

export interface QdpxBuild {
  qde: string;
  /** `sources/<guid>.txt` → UTF-8 text. */
  sources: Map<string, string>;
  counts: { sources: number; codes: number; selections: number; notes: number };
  /** Highlights left out, with why (orphaned ones have no place in the text any more). */
  skipped: string[];
}

/** Quire's `quire://` citation links point at Quire ids; in the project they point at the GUIDs instead. */
export function citationsToGuids(body: string): string {
  return rewriteCitationLinks(body, (c) => ({
    articleId: guidFor('article', c.articleId),
    passageId: c.passageId,
    highlightId: c.highlightId === null ? null : guidFor('highlight', c.highlightId),
  }));
}

export function buildQdpx(snapshot: NotebookSnapshot): QdpxBuild {
  const now = snapshot.now.toISOString();
  const user = guidFor('user', snapshot.coder || 'Quire');
  const notes: XmlNode[] = [];
  const noteRef = (guid: string): XmlNode => ({ '@targetGUID': guid });
  const memo = (kind: string, id: string, name: string, text: string, created: string): XmlNode[] => {
    if (!text.trim()) return [];
    const guid = guidFor(`${kind}-memo`, id);
    notes.push({
      '@guid': guid,
      '@name': xmlSafe(name),
      '@creatingUser': user,
      '@creationDateTime': created,
      PlainTextContent: xmlSafe(text),
    });
    return [noteRef(guid)];
  };

  const code = (node: TagNode): XmlNode =>
    codeElement(node, (t) => {
      const refs = memo('tag', t.id, `Memo: ${t.name}`, t.memo, t.createdAt);
      return refs.length ? { NoteRef: refs } : {};
    });
  const forest = nestedOf(buildTree(snapshot.tags));
  const knownTags = new Set(snapshot.tags.map((t) => t.id));

  const skipped: string[] = [];
  const sourceFiles = new Map<string, string>();
  const highlightsOf = new Map<string, NotebookSnapshot['highlights']>();
  for (const h of snapshot.highlights)
    highlightsOf.set(h.articleId, [...(highlightsOf.get(h.articleId) ?? []), h]);
  let selectionCount = 0;
  const sources = snapshot.articles.map(({ record: a, text }) => {
    const guid = guidFor('article', a.id);
    const clean = xmlSafe(text);
    sourceFiles.set(`sources/${guid}.txt`, clean);
    const cp = codePointIndex(clean);
    const selections: XmlNode[] = [];
    const list = [...(highlightsOf.get(a.id) ?? [])].sort(
      (x, y) => x.position.start - y.position.start || x.id.localeCompare(y.id),
    );
    for (const h of list) {
      const { start, end } = h.position;
      if (h.orphaned || end > clean.length || clean.slice(start, end) !== h.quote.exact) {
        skipped.push(`“${short(h.quote.exact)}” in “${a.title}”: its passage is no longer in the text`);
        continue;
      }
      const sel: XmlNode = {
        '@guid': guidFor('highlight', h.id),
        '@name': xmlSafe(short(h.quote.exact)),
        '@startPosition': String(cp[start]),
        '@endPosition': String(cp[end]),
        '@creatingUser': user,
        '@creationDateTime': h.createdAt,
      };
      const codings = h.tagIds
        .filter((id) => knownTags.has(id))
        .map((id) => ({
          '@guid': guidFor('coding', `${h.id}:${id}`),
          '@creatingUser': user,
          '@creationDateTime': h.createdAt,
          CodeRef: { '@targetGUID': guidFor('tag', id) },
        }));
      if (codings.length) sel.Coding = codings;
      const refs = memo('highlight', h.id, `Memo: ${short(h.quote.exact)}`, h.memo, h.createdAt);
      if (refs.length) sel.NoteRef = refs;
      selections.push(sel);
      selectionCount++;
    }
    const source: XmlNode = {
      '@guid': guid,
      '@name': xmlSafe(a.title),
      '@plainTextPath': `internal://${guid}.txt`,
      '@creatingUser': user,
      '@creationDateTime': a.importedAt,
    };
    if (selections.length) source.PlainTextSelection = selections;
    const refs = memo('article', a.id, `Memo: ${a.title}`, a.memo ?? '', a.importedAt);
    if (refs.length) source.NoteRef = refs;
    const values = VARIABLES.flatMap((v) => {
      const value = a[v.field]?.trim();
      if (!value || (v.type === 'Date' && !/^\d{4}-\d{2}-\d{2}$/.test(value))) return [];
      return [
        {
          VariableRef: { '@targetGUID': guidFor('variable', v.name) },
          [v.type === 'Date' ? 'DateValue' : 'TextValue']: xmlSafe(value),
        },
      ];
    });
    if (values.length) source.VariableValue = values;
    return source;
  });

  const projectNotes = [...snapshot.notes].sort(byCreated).map((n) => {
    const guid = guidFor('note', n.id);
    notes.push({
      '@guid': guid,
      '@name': xmlSafe(n.title),
      '@creatingUser': user,
      '@creationDateTime': n.createdAt,
      '@modifiedDateTime': n.updatedAt,
      PlainTextContent: xmlSafe(citationsToGuids(n.body)),
    });
    return noteRef(guid);
  });

  const project: XmlNode = {
    '@xmlns': QDPX_NAMESPACE,
    '@name': xmlSafe(snapshot.name || 'Quire notebook'),
    '@origin': `Quire ${APP_VERSION}`,
    '@creatingUserGUID': user,
    '@creationDateTime': now,
    '@modifyingUserGUID': user,
    '@modifiedDateTime': now,
    Users: { User: [{ '@guid': user, '@name': xmlSafe(snapshot.coder || 'Quire') }] },
  };
  if (forest.length) {
    // A code's memo note is pushed while its Code is built, so the notes come out in codebook order.
    project.CodeBook = { Codes: { Code: forest.map(code) } };
  }
  if (sources.length) {
    project.Variables = {
      Variable: VARIABLES.map((v) => ({
        '@guid': guidFor('variable', v.name),
        '@name': v.name,
        '@typeOfVariable': v.type,
      })),
    };
    project.Sources = { TextSource: sources };
  }
  if (notes.length) project.Notes = { Note: notes };
  if (projectNotes.length) project.NoteRef = projectNotes;

  return {
    qde: buildXml({ Project: project }),
    sources: sourceFiles,
    counts: {
      sources: sources.length,
      codes: snapshot.tags.length,
      selections: selectionCount,
      notes: projectNotes.length,
    },
    skipped,
  };
}

export function zipQdpx(build: QdpxBuild): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'project.qde': strToU8(build.qde) };
  for (const [name, text] of build.sources) entries[name] = strToU8(text);
  return zipSync(entries, { level: 6 });
}

const byCreated = (a: Note, b: Note): number =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}
