// A deliberately tiny reader for Markdown front matter. It reads top-level `key: value` lines and simple
// lists, and nothing else: no anchors, aliases, tags or code, so a hostile header cannot execute,
// expand or recurse (gray-matter's `---js` evaluates JavaScript; YAML aliases can explode in size).

export interface FrontMatter {
  fields: Map<string, string[]>;
  /** Index of the first line after the closing fence; 0 when there is no front matter. */
  bodyStart: number;
}

const MAX_LINES = 500;

// ` # comment` after a plain value. The lookbehind starts a match only at the first space of a run: plain
// /\s+#.*$/ rescans the rest of the run from each space, quadratic on a long run of spaces.
const COMMENT = /(?<!\s)\s+#.*$/;

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) {
    const inner = t.slice(1, -1);
    return t.startsWith('"') ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  return t.replace(COMMENT, '');
}

/** Plain scalars only: anchors, aliases, nested maps and tags are ignored rather than interpreted. */
function scalar(v: string): string | null {
  const t = unquote(v);
  if (t === '' || /^[&*!{|>]/.test(t)) return null;
  return t;
}

function inlineList(v: string): string[] | null {
  const t = v.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  const inner = t.slice(1, -1);
  if (inner.includes('[') || inner.includes('{')) return [];
  return inner
    .split(',')
    .map((x) => scalar(x))
    .filter((x): x is string => x !== null);
}

export function parseFrontMatter(lines: readonly string[]): FrontMatter {
  const fields = new Map<string, string[]>();
  const opening = lines[0]?.trim() ?? '';
  if (!/^---[a-z]*$/i.test(opening)) return { fields, bodyStart: 0 };
  let end = -1;
  for (let i = 1; i < Math.min(lines.length, MAX_LINES); i++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[i] ?? '')) {
      end = i;
      break;
    }
  }
  if (end < 0) return { fields, bodyStart: 0 };
  // `---js`, `---json`...: a header in another language. Skip it, never evaluate it.
  if (opening !== '---') return { fields, bodyStart: end + 1 };
  let listKey: string | null = null;
  for (let i = 1; i < end; i++) {
    const line = lines[i] ?? '';
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const v = scalar(item[1] ?? '');
      if (v !== null) fields.get(listKey)?.push(v);
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) {
      if (!/^\s/.test(line)) listKey = null;
      continue;
    }
    const key = (kv[1] ?? '').toLowerCase();
    const raw = (kv[2] ?? '').slice(0, 2000);
    if (raw.trim() === '') {
      listKey = key;
      fields.set(key, []);
      continue;
    }
    listKey = null;
    const list = inlineList(raw);
    if (list) fields.set(key, list);
    else {
      const v = scalar(raw);
      if (v !== null) fields.set(key, [v]);
    }
  }
  return { fields, bodyStart: end + 1 };
}

/** The first non-empty value among `keys`, joined with ", " when it is a list (several authors). */
export function field(fm: FrontMatter, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = fm.fields.get(k);
    if (v && v.length > 0) return v.join(', ');
  }
  return null;
}
