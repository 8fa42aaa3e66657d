import { codeRanges, inRanges } from './code-ranges';

export interface Wikilink {
  /** The linked note's title as written (without `#heading` and alias). */
  target: string;
  alias: string | null;
  /** `[[Title#Heading]]` → `Heading`. */
  heading: string | null;
  /** The whole `[[...]]`. */
  start: number;
  end: number;
  /** Just the title part, so a rename can replace it and keep everything else as written. */
  targetStart: number;
  targetEnd: number;
  /**
   * Everything before the alias, `#` included: a note titled "C# notes" is linked as `[[C# notes]]`, which
   * reads as title "C" + heading " notes" unless resolution tries this first (see `linkNames`).
   */
  fullTarget: string;
  fullTargetEnd: number;
}

const WIKILINK = /\[\[([^[\]\n]+?)\]\]/g;

/** `[[Target]]`, `[[Target|alias]]`, `[[Target#Heading|alias]]`; not inside code, not escaped `\[[`. */
export function parseWikilinks(body: string): Wikilink[] {
  const code = codeRanges(body);
  const links: Wikilink[] = [];
  for (const match of body.matchAll(WIKILINK)) {
    const start = match.index;
    const end = start + match[0].length;
    const inner = match[1] ?? '';
    if (body[start - 1] === '\\' || inRanges(code, start, end)) continue;
    const bar = inner.indexOf('|');
    // Inside Markdown tables the separator is written `\|`.
    let targetPart = bar === -1 ? inner : inner.slice(0, bar);
    if (bar !== -1 && targetPart.endsWith('\\')) targetPart = targetPart.slice(0, -1);
    const alias = bar === -1 ? null : inner.slice(bar + 1).trim();
    const hash = targetPart.indexOf('#');
    const rawTitle = hash === -1 ? targetPart : targetPart.slice(0, hash);
    const heading = hash === -1 ? null : targetPart.slice(hash + 1).trim();
    const target = rawTitle.trim();
    if (target === '') continue;
    const targetStart = start + 2 + rawTitle.indexOf(target);
    const fullTarget = targetPart.trim();
    links.push({
      fullTarget,
      fullTargetEnd: targetStart + fullTarget.length,
      target,
      alias: alias === '' ? null : alias,
      heading: heading === '' ? null : heading,
      start,
      end,
      targetStart,
      targetEnd: targetStart + target.length,
    });
  }
  return links;
}

/** How note titles compare: case-insensitive, whitespace-collapsed, Unicode-normalized (NFC). */
export function titleKey(title: string): string {
  return title.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

export function sameTitle(a: string, b: string): boolean {
  return titleKey(a) === titleKey(b);
}

/** The titles a link may name, most specific first: `C# notes`, then `C` (with heading ` notes`). */
export function linkNames(link: Wikilink): string[] {
  return link.heading === null ? [link.target] : [link.fullTarget, link.target];
}

/** Whether the link names this title (either reading of a `#`). */
export function linksTo(link: Wikilink, title: string): boolean {
  return linkNames(link).some((name) => sameTitle(name, title));
}

/**
 * Points every link to `oldTitle` (in any case or spacing) at `newTitle`, keeping `#heading` and `|alias`
 * exactly as written. Links in code are left alone.
 */
export function renameWikilinks(body: string, oldTitle: string, newTitle: string): string {
  let out = body;
  const links = parseWikilinks(body).filter((l) => linksTo(l, oldTitle));
  for (const link of links.reverse()) {
    const whole = link.heading !== null && sameTitle(link.fullTarget, oldTitle);
    out = out.slice(0, link.targetStart) + newTitle + out.slice(whole ? link.fullTargetEnd : link.targetEnd);
  }
  return out;
}

/** Titles linked with `[[…]]` that no note has yet, as first written, each once. */
export function missingLinkTargets(body: string, notes: readonly { title: string }[]): string[] {
  const known = new Set(notes.map((n) => titleKey(n.title)));
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const link of parseWikilinks(body)) {
    if (linkNames(link).some((name) => known.has(titleKey(name)))) continue;
    const key = titleKey(link.target);
    if (seen.has(key)) continue;
    seen.add(key);
    missing.push(link.target);
  }
  return missing;
}
