// The codebook alone as a REFI-QDA codebook exchange file (.qdc): codes with hierarchy, colours and
// descriptions. The QDC schema has no notes, so code memos travel only in a QDPX project.
import { buildTree, nestedOf, type TagNode } from '../codebook/tree';
import { APP_VERSION } from '../app/version';
import type { Tag } from '../types';
import { guidFor } from './guid';
import { buildXml, xmlSafe, type XmlNode } from './xml';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

/**
 * A tag and the tags under it as REFI-QDA <Code> elements (the same in a .qdc codebook and a .qdpx project);
 * `extra` adds what only the project carries (its memo's NoteRef).
 */
export function codeElement(node: TagNode, extra: (tag: Tag) => XmlNode = () => ({})): XmlNode {
  const t = node.tag;
  const out: XmlNode = {
    '@guid': guidFor('tag', t.id),
    '@name': xmlSafe(t.name),
    '@isCodable': 'true',
    '@color': t.color,
  };
  if (t.description.trim()) out.Description = xmlSafe(t.description);
  Object.assign(out, extra(t));
  if (node.children.length) out.Code = node.children.map((child) => codeElement(child, extra));
  return out;
}

export function buildCodebook(tags: readonly Tag[]): string {
  const forest = nestedOf(buildTree(tags));
  // The schema wants at least one <Code>; an empty codebook is an empty <Codes/>, which readers accept.
  return buildXml({
    CodeBook: {
      '@xmlns': QDC_NAMESPACE,
      '@origin': `Quire ${APP_VERSION}`,
      Codes: { Code: forest.map((node) => codeElement(node)) },
    },
  });
}
