import type { ArticleView } from '../api-contract';
import type { Core } from '../app/core';
import { QuireError } from '../errors';
import { articleBacklinks } from '../notes/backlinks';
import { summarize } from '../app/article-summary';
import { BodyUnreadable } from '../store/bodies';
import type { ArticleBody, ArticleRecord } from '../types';
import { applyText } from './article-text';

/** What the reader shows: metadata, text with passages, highlights on it, and the notes that cite it. */
export async function articleView(core: Core, id: string, allowRepair = true): Promise<ArticleView> {
  const session = core.session();
  let record = requireArticle(core, id);
  let body: ArticleBody;
  let notice: string | null = null;
  try {
    body = await session.body(record);
  } catch (e) {
    if (!(e instanceof BodyUnreadable) || !allowRepair) throw e;
    ({ record, body, notice } = await repairText(core, record, e));
  }
  const highlights = session.store.highlightsOf(id);
  return {
    article: summarize(record, highlights),
    text: body.text,
    passages: body.passages.map((p) => ({ ...p, text: body.text.slice(p.start, p.end) })),
    highlights,
    backlinks: articleBacklinks(session.derived.notesCiting(id), id),
    notice,
  };
}

/**
 * The stored text is missing or damaged, but the original file is kept in sources/: extract it again (with the
 * researcher's block choices and metadata edits) and say so. Read-only notebooks show the repair without saving it.
 */
async function repairText(
  core: Core,
  record: ArticleRecord,
  problem: BodyUnreadable,
): Promise<{ record: ArticleRecord; body: ArticleBody; notice: string }> {
  const session = core.session();
  let source: Uint8Array;
  try {
    source = await session.store.readSource(record.sourceHash);
  } catch {
    throw new QuireError(
      'NOTEBOOK_ERROR',
      `${problem.message} The original file is not in sources/ either: import ${record.file} again to restore it.`,
    );
  }
  const extraction = await core.extractor.extract(source, record.file);
  const what = problem.reason === 'missing' ? 'was missing' : 'was damaged';
  if (session.store.readOnly) {
    const { text, passages, blocks } = extraction;
    return {
      record,
      body: { id: record.id, text, passages, blocks },
      notice: `The stored text ${what}; this is the text extracted again from the original file (not saved: the notebook is read-only).`,
    };
  }
  await applyText(
    core,
    record,
    { blocks: extraction.blocks, choices: record.blockChoices ?? {} },
    `Repair the text of “${record.title}”`,
    'system',
  );
  const repaired = requireArticle(core, record.id);
  return {
    record: repaired,
    body: await session.body(repaired),
    notice: `The stored text ${what}; Quire extracted it again from the original file (${record.file}) and saved it. Your highlights were kept.`,
  };
}

export function requireArticle(core: Core, id: string): ArticleRecord {
  const record = core.session().store.get('article', id);
  if (!record)
    throw new QuireError('NOT_FOUND', `No article with id ${id} in this notebook; it may have been deleted.`);
  return record;
}
