import { stringify as stringifyYaml } from 'yaml';

/**
 * YAML front matter writer. Every string is double-quoted with escapes, so titles holding `:`, `#`, `"`, a
 * leading `-`, or words like `true`/`null` come back as the same string in any YAML reader (Obsidian included).
 */
export function yamlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

export type FrontMatterValue = string | string[] | null;

/**
 * `fields` in order, then `extra` (fields of the researcher's own, kept from an imported note) through the yaml
 * library, which writes any value back as valid YAML.
 */
export function frontMatter(
  fields: [key: string, value: FrontMatterValue][],
  extra: Record<string, unknown> = {},
): string {
  const lines = ['---'];
  for (const [key, value] of fields) {
    if (value === null) lines.push(`${key}: null`);
    else if (typeof value === 'string') lines.push(`${key}: ${yamlString(value)}`);
    else if (value.length === 0) lines.push(`${key}: []`);
    else lines.push(`${key}:`, ...value.map((v) => `  - ${yamlString(v)}`));
  }
  if (Object.keys(extra).length) lines.push(stringifyYaml(extra, { lineWidth: 0 }).trimEnd());
  lines.push('---');
  return `${lines.join('\n')}\n`;
}
