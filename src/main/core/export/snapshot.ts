// What an export reads: the notebook's records as they are now, plus article texts when the format needs them.
// Taken once, before anything is written, so an export never mixes two states of the notebook.
import type { NotebookSession } from '../app/session';
import type { ArticleRecord, Highlight, Note, Passage, Tag } from '../types';

export interface SnapshotArticle {
  record: ArticleRecord;
  /** The article's text and passages ('' and [] when the export did not ask for texts). */
  text: string;
  passages: Passage[];
}

export interface NotebookSnapshot {
  name: string;
  articles: SnapshotArticle[];
  tags: Tag[];
  highlights: Highlight[];
  notes: Note[];
  /** Who coded: the name exports give the researcher (REFI-QDA user, the "coder" column). */
  coder: string;
  now: Date;
}

export async function takeSnapshot(
  session: NotebookSession,
  options: { texts: boolean; coder: string; now: Date; articleIds?: ReadonlySet<string> },
): Promise<NotebookSnapshot> {
  const { store } = session;
  const records = store.list('article').filter((a) => !options.articleIds || options.articleIds.has(a.id));
  const articles: SnapshotArticle[] = [];
  for (const record of records) {
    if (!options.texts) {
      articles.push({ record, text: '', passages: [] });
      continue;
    }
    const body = await session.body(record);
    articles.push({ record, text: body.text, passages: body.passages });
  }
  const ids = new Set(records.map((r) => r.id));
  return {
    name: store.name,
    articles,
    tags: [...store.list('tag')],
    highlights: store.list('highlight').filter((h) => ids.has(h.articleId)),
    notes: [...store.list('note')],
    coder: options.coder,
    now: options.now,
  };
}
