// Which `[[links]]` of a note name nothing yet: those are offered for creation as notes. Tags and passages are
// never created from a link (a tag is made by tagging; a passage exists or it does not).
import { TAG_PREFIX } from '../../../main/core/notes/link-targets';
import { linkNames, parseWikilinks, titleKey } from '../../../main/core/notes/wikilinks';

/** `known` holds the title keys (`titleKey`) of everything a link can name. */
export function missingLinkTitles(body: string, known: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const link of parseWikilinks(body)) {
    if (linkNames(link).some((name) => known.has(titleKey(name)))) continue;
    if (link.target.toLowerCase().startsWith(TAG_PREFIX) || link.fullTarget.includes('#^')) continue;
    const key = titleKey(link.target);
    if (seen.has(key)) continue;
    seen.add(key);
    missing.push(link.target);
  }
  return missing;
}
