// Just enough XML reading for the small, flat package files of .docx and .epub (core.xml, container.xml,
// the OPF): elements by local name, their attributes and text. No DTDs, no entity expansion beyond the five
// predefined entities and character references, so nothing in these files can make it fetch or expand.

export interface XmlElement {
  /** Attributes by local name (namespace prefix dropped). */
  attrs: Record<string, string>;
  /** Text content with inner tags removed and entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = (m[1] ?? '').replace(/^[\w.-]+:/, '');
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every element with this local name (any prefix), in document order. Nested same-name elements are not supported. */
export function xmlElements(xml: string, localName: string): XmlElement[] {
  const name = `(?:[\\w.-]+:)?${escapeRe(localName)}`;
  const re = new RegExp(`<${name}((?:\\s[^>]*?)?)(?:/>|>([\\s\\S]*?)</${name}\\s*>)`, 'g');
  const out: XmlElement[] = [];
  for (const m of xml.matchAll(re)) {
    const inner = (m[2] ?? '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, c: string) =>
      c.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
    );
    out.push({ attrs: parseAttrs(m[1] ?? ''), text: decodeEntities(inner.replace(/<[^>]*>/g, '')).trim() });
  }
  return out;
}

/** Text of the first element with this local name that has any, or null. */
export function xmlText(xml: string, localName: string): string | null {
  for (const el of xmlElements(xml, localName)) if (el.text !== '') return el.text;
  return null;
}
