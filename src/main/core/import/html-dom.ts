// The few DOM members the HTML importer uses. Core code is compiled without the DOM library (no browser
// globals in core), so linkedom's document is described here instead of typed as a browser Document.
import { parseHTML } from 'linkedom';
import { limitNesting } from './html-nesting';

export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  head: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Parses without running scripts or fetching anything: linkedom has no network or script engine. */
export function parseDocument(html: string): DomDocument {
  // linkedom types its result as a browser Window, which core cannot name; we use only the members above.
  const parse = (source: string): DomDocument =>
    (parseHTML(source) as unknown as { document: DomDocument }).document;
  const document = parse(limitNesting(html));
  // linkedom does not imply <html>/<body> around a fragment the way browsers do; give it the frame.
  if (document.documentElement?.tagName.toUpperCase() !== 'HTML')
    return parse(limitNesting(`<!doctype html><html><body>${html}</body></html>`));
  return document;
}

export function all(
  root: { querySelectorAll(s: string): ArrayLike<DomElement> },
  selector: string,
): DomElement[] {
  return Array.from(root.querySelectorAll(selector));
}
