// The HTML parser (htmlparser2, under linkedom) keeps its open elements in an array it grows from the front, so
// every start tag costs as much as the current depth: a page nested 100,000 deep takes minutes to parse. No
// real page nests more than a few hundred levels, so tags past MAX_DEPTH are dropped before parsing (their text
// stays). Pages within the limit are passed through untouched.

export const MAX_DEPTH = 512;

/** Elements with no end tag. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is text up to their end tag: a `<div>` inside a script is not a tag. */
const RAW_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);
/** A start tag of one of these closes an open one of the same name (`<p>a<p>b`, `<li>a<li>b`). */
const CLOSED_BY_SIBLING = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
]);

interface Tag {
  /** Where the tag starts (`<`) and ends (after `>`). */
  start: number;
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

/**
 * The HTML with every start tag deeper than `maxDepth` (and its end tag) replaced by a space; the same string
 * when nothing is that deep. One pass, by a tag scanner that knows only what depth needs: comments, raw-text
 * elements, void elements and the common implied end tags.
 */
export function limitNesting(html: string, maxDepth = MAX_DEPTH): string {
  if (!tooDeep(html, maxDepth)) return html;
  const out: string[] = [];
  let copied = 0;
  walkTags(html, maxDepth, (tag) => {
    out.push(html.slice(copied, tag.start), ' ');
    copied = tag.end;
  });
  out.push(html.slice(copied));
  return out.join('');
}

function tooDeep(html: string, maxDepth: number): boolean {
  let deep = false;
  walkTags(html, maxDepth, () => {
    deep = true;
  });
  return deep;
}

/** Calls `drop` for each tag past `maxDepth`, in document order. */
function walkTags(html: string, maxDepth: number, drop: (tag: Tag) => void): void {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const dropped = new Map<string, number>();
  const bump = (map: Map<string, number>, name: string, by: number) =>
    map.set(name, (map.get(name) ?? 0) + by);
  const pop = (): void => {
    const name = stack.pop();
    if (name !== undefined) bump(open, name, -1);
  };
  for (let tag = nextTag(html, 0); tag !== null; tag = nextTag(html, tag.end)) {
    const { name } = tag;
    if (tag.closing) {
      if ((dropped.get(name) ?? 0) > 0) {
        bump(dropped, name, -1);
        drop(tag);
      } else if ((open.get(name) ?? 0) > 0) {
        while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
        pop();
      }
      continue;
    }
    if (CLOSED_BY_SIBLING.has(name) && stack[stack.length - 1] === name) pop();
    // `<div/>` opens a div in HTML; only inside SVG and MathML does `/>` close the element.
    const foreign = (open.get('svg') ?? 0) > 0 || (open.get('math') ?? 0) > 0;
    if (VOID.has(name) || (tag.selfClosing && foreign)) continue;
    // A raw-text element holds no tags, so it never deepens the page further; dropping it would turn a
    // script into text.
    if (stack.length >= maxDepth && !RAW_TEXT.has(name)) {
      bump(dropped, name, 1);
      drop(tag);
    } else {
      stack.push(name);
      bump(open, name, 1);
    }
    if (RAW_TEXT.has(name)) {
      // Skip the element's text; its end tag is read as the next tag.
      const close = new RegExp(`</${name}[\\s/>]`, 'gi');
      close.lastIndex = tag.end;
      const found = close.exec(html);
      tag.end = found ? found.index : html.length;
    }
  }
}

/** The next start or end tag at or after `from`, skipping comments, doctypes and processing instructions. */
function nextTag(html: string, from: number): Tag | null {
  let at = html.indexOf('<', from);
  while (at !== -1) {
    const next = html[at + 1] ?? '';
    if (next === '!' || next === '?') {
      const end = html.startsWith('<!--', at) ? html.indexOf('-->', at + 4) : html.indexOf('>', at + 2);
      if (end === -1) return null;
      at = html.indexOf('<', end + 1);
      continue;
    }
    const closing = next === '/';
    const nameStart = closing ? at + 2 : at + 1;
    if (!/[a-zA-Z]/.test(html[nameStart] ?? '')) {
      at = html.indexOf('<', at + 1);
      continue;
    }
    let i = nameStart;
    while (i < html.length && !/[\s/>]/.test(html[i] ?? '>')) i++;
    const name = html.slice(nameStart, i).toLowerCase();
    // The tag ends at the first `>` outside a quoted attribute value.
    let quote = '';
    for (; i < html.length; i++) {
      const c = html[i];
      if (quote !== '') {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    const end = Math.min(i + 1, html.length);
    return { start: at, end, name, closing, selfClosing: html[i - 1] === '/' };
  }
  return null;
}
