// Who links to what, kept up to date note by note: which notes name a title with `[[…]]`, and which cite an
// article. Backlinks then read a handful of notes instead of parsing every note on every open.
import type { Note } from '../types';
import { parseCitations } from './citations';
import { linkNames, parseWikilinks, titleKey } from './wikilinks';

export class LinkIndex {
  /** Title key → notes whose links may name it (either reading of a `#`). */
  private readonly byTitle = new Map<string, Set<string>>();
  /** Article id → notes citing it. */
  private readonly byArticle = new Map<string, Set<string>>();
  /** Note id → the keys it is filed under, to unfile it when it changes. */
  private readonly filed = new Map<string, { titles: string[]; articles: string[] }>();

  constructor(notes: Iterable<Note> = []) {
    for (const note of notes) this.set(note.id, note);
  }

  /** Files the note's links (replacing what it had), or unfiles it when `note` is null. */
  set(id: string, note: Note | null): void {
    const old = this.filed.get(id);
    if (old) {
      for (const t of old.titles) this.byTitle.get(t)?.delete(id);
      for (const a of old.articles) this.byArticle.get(a)?.delete(id);
      this.filed.delete(id);
    }
    if (!note) return;
    const titles = [...new Set(parseWikilinks(note.body).flatMap((l) => linkNames(l).map(titleKey)))];
    const articles = [...new Set(parseCitations(note.body).map((c) => c.articleId))];
    for (const t of titles) add(this.byTitle, t, id);
    for (const a of articles) add(this.byArticle, a, id);
    this.filed.set(id, { titles, articles });
  }

  /** Notes that may link to `title` (callers confirm with the parsed link). */
  linkingTo(title: string): string[] {
    return [...(this.byTitle.get(titleKey(title)) ?? [])];
  }

  citing(articleId: string): string[] {
    return [...(this.byArticle.get(articleId) ?? [])];
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}
