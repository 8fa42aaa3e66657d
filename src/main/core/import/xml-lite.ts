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
  // The lookbehind starts a name only at its first character; otherwise a long run of name characters
  // without `=` is rescanned from each of them.
  for (const m of source.matchAll(/(?<![\w.:-])([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = (m[1] ?? '').replace(/^[\w.-]+:/, '');
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every element with this local name (any prefix), in document order. Nested same-name elements are not supported.
 * Start tags and end tags are found by separate scans that never go back: a file full of start tags without
 * end tags costs one pass, not one pass per tag.
 */
export function xmlElements(xml: string, localName: string): XmlElement[] {
  const name = `(?:[\\w.-]+:)?${escapeRe(localName)}`;
  // Attributes cannot hold `<`, so a start tag left open is given up at the next `<`.
  const start = new RegExp(`<${name}(\\s[^<>]*?)?(/?)>`, 'g');
  const end = new RegExp(`</${name}\\s*>`, 'g');
  const out: XmlElement[] = [];
  let endsLeft = true;
  for (let m = start.exec(xml); m !== null; m = start.exec(xml)) {
    const attrs = parseAttrs(m[1] ?? '');
    if (m[2] === '/') {
      out.push({ attrs, text: '' });
      continue;
    }
    // Once no end tag follows some start tag, none follows a later one either.
    if (!endsLeft) continue;
    end.lastIndex = start.lastIndex;
    const close = end.exec(xml);
    if (!close) {
      endsLeft = false;
      continue;
    }
    out.push({ attrs, text: innerText(xml.slice(start.lastIndex, close.index)) });
    start.lastIndex = close.index + close[0].length;
  }
  return out;
}

/** An element's content as text: CDATA sections kept verbatim, inner tags dropped, entities decoded. */
function innerText(inner: string): string {
  let text = '';
  let at = 0;
  for (let cdata = inner.indexOf('<![CDATA['); cdata !== -1; cdata = inner.indexOf('<![CDATA[', at)) {
    const close = inner.indexOf(']]>', cdata);
    if (close === -1) break;
    text += dropTags(inner.slice(at, cdata)) + escapeMarkup(inner.slice(cdata + 9, close));
    at = close + 3;
  }
  return decodeEntities(text + dropTags(inner.slice(at))).trim();
}

/** Tags cannot hold `<`: an unclosed `<` is given up at the next one instead of rescanning to the end. */
const dropTags = (s: string): string => s.replace(/<[^<>]*>/g, '');
/** CDATA text is literal: escape it so decoding entities afterwards gives it back unchanged. */
const escapeMarkup = (s: string): string => s.replace(/&/g, '&amp;');

/** Text of the first element with this local name that has any, or null. */
export function xmlText(xml: string, localName: string): string | null {
  for (const el of xmlElements(xml, localName)) if (el.text !== '') return el.text;
  return null;
}
