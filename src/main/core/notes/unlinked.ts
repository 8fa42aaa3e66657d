// Unlinked mentions of a note: other notes that write its title without `[[…]]` (found by scanning them: notes are
// few and short), and articles that name it (found through the search index as a phrase, then confirmed in the
// passage's text).
import type { NotebookSession } from '../app/session';
import type { ArticleRecord, Note } from '../types';
import { plainLineContext, windowAround } from './backlinks';
import { readBody } from './embeds';
import { findMentions, mentionable } from './mentions';
import type { Mention } from './note-views';
import { isTemplate } from './templates';

export type MentionReader = Pick<NotebookSession, 'store' | 'body' | 'derived' | 'index'>;

/** Articles listed at most; the panel says when there are more. */
export const ARTICLE_MENTIONS = 20;
const NOTE_MENTIONS = 50;

export function noteMentions(notes: readonly Note[], target: Note): Mention[] {
  const out: Mention[] = [];
  for (const other of notes) {
    if (other.id === target.id || isTemplate(other.title)) continue;
    const found = findMentions(other.body, target.title);
    const first = found[0];
    if (!first) continue;
    out.push({
      kind: 'note',
      id: other.id,
      title: other.title,
      context: plainLineContext(other.body, first[0], first[1], other.body.slice(first[0], first[1])),
      count: found.length,
      passageId: null,
    });
    if (out.length >= NOTE_MENTIONS) break;
  }
  return out;
}

export async function articleMentions(
  reader: MentionReader,
  target: Note,
  linked: ReadonlySet<string>,
): Promise<{ mentions: Mention[]; more: boolean }> {
  const phrase = target.title.replace(/["\s]+/g, ' ').trim();
  if (!mentionable(target.title)) return { mentions: [], more: false };
  const result = reader.index.search(`"${phrase}" in:articles`, {
    limit: ARTICLE_MENTIONS + linked.size,
    hitsPerGroup: 3,
  });
  const mentions: Mention[] = [];
  for (const group of result.groups) {
    if (group.kind !== 'article' || linked.has(group.id)) continue;
    const article = reader.store.get('article', group.id);
    if (!article) continue;
    const mention = await confirm(reader, article, group.hits, target.title, group.hitTotal);
    if (mention) mentions.push(mention);
    if (mentions.length >= ARTICLE_MENTIONS) break;
  }
  return { mentions, more: result.total > result.groups.length };
}

async function confirm(
  reader: MentionReader,
  article: ArticleRecord,
  hits: readonly { passageId: string; start: number; end: number }[],
  title: string,
  total: number,
): Promise<Mention | null> {
  const body = await readBody(reader, article);
  for (const hit of hits) {
    // The title line of an article is indexed as a passage without id.
    const text = hit.passageId === '' ? article.title : (body?.text.slice(hit.start, hit.end) ?? '');
    const first = findMentions(text, title, false)[0];
    if (!first) continue;
    return {
      kind: 'article',
      id: article.id,
      title: article.title,
      context: windowAround(text, first[0], first[1]),
      count: total,
      passageId: hit.passageId === '' ? null : hit.passageId,
    };
  }
  return null;
}
