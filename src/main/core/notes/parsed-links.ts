// A note's links, parsed once per version of the note: notes are immutable values, so a cache keyed by the record
// object is never stale, and the graph or the links panel do not re-parse a thousand notes per request.
import type { Note } from '../types';
import { parseCitations, type Citation } from './citations';
import { parseWikilinks, type Wikilink } from './wikilinks';

export interface NoteLink extends Wikilink {
  /** Written `![[…]]`: shown inline rather than linked. */
  embed: boolean;
}

export interface ParsedLinks {
  wikilinks: NoteLink[];
  citations: Citation[];
}

const cache = new WeakMap<Note, ParsedLinks>();

export function linksOf(note: Note): ParsedLinks {
  let parsed = cache.get(note);
  if (!parsed) {
    parsed = {
      wikilinks: parseWikilinks(note.body).map((l) => ({ ...l, embed: note.body[l.start - 1] === '!' })),
      citations: parseCitations(note.body),
    };
    cache.set(note, parsed);
  }
  return parsed;
}
