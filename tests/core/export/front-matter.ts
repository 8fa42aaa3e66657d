// A deliberately small reader for the front matter Quire writes (double-quoted scalars and block lists), so
// the tests check the output against an independent parser rather than against the writer itself.
export type FrontMatter = Record<string, string | string[]>;

function unquote(raw: string): string {
  const v = raw.trim();
  if (!v.startsWith('"')) return v;
  if (!v.endsWith('"') || v.length < 2) throw new Error(`unterminated string: ${v}`);
  // YAML double-quoted escapes used by the writer (\" \\ \n \t \r \uXXXX) are a subset of JSON's.
  const parsed: unknown = JSON.parse(v);
  if (typeof parsed !== 'string') throw new Error(`not a string: ${v}`);
  return parsed;
}

export function readFrontMatter(content: string): FrontMatter {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(content);
  if (!m?.[1]) throw new Error('no front matter');
  const out: FrontMatter = {};
  let list: string[] | null = null;
  for (const line of m[1].split('\n')) {
    const item = /^ {2}- (.*)$/.exec(line);
    if (item && list) {
      list.push(unquote(item[1] ?? ''));
      continue;
    }
    const kv = /^([a-z]+):(?: (.*))?$/.exec(line);
    if (!kv?.[1]) throw new Error(`unexpected front matter line: ${line}`);
    if (kv[2] === undefined) {
      list = [];
      out[kv[1]] = list;
    } else if (kv[2] === '[]') {
      list = null;
      out[kv[1]] = [];
    } else {
      list = null;
      out[kv[1]] = unquote(kv[2]);
    }
  }
  return out;
}
