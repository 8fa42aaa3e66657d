import type { ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';
import { QuireError } from '../errors';
import { agreement } from '../sync/agreement';
import { coderCounts, segmentsOf } from '../sync/coders';
import { shareOpenNotebook, syncEngine, viewOf } from '../sync/host';
import type { AgreementView } from '../sync/views';
import type { Handlers } from './handler';

async function syncStatus(core: Core) {
  return viewOf(await syncEngine(core));
}

async function syncShare(core: Core, input: ApiParsedInput<'syncShare'>) {
  const engine = await shareOpenNotebook(core, input);
  await engine.syncOnce();
  return viewOf(engine);
}

async function requireEngine(core: Core) {
  const engine = await syncEngine(core);
  if (!engine) {
    throw new QuireError(
      'NOT_FOUND',
      'This notebook is not shared. Share it first (File > Share notebook…).',
    );
  }
  return engine;
}

async function syncNow(core: Core) {
  const engine = await requireEngine(core);
  await engine.syncOnce();
  return viewOf(engine);
}

async function syncConflicts(core: Core) {
  return (await syncEngine(core))?.listConflicts() ?? [];
}

async function syncSettle(core: Core, { docId, record }: ApiParsedInput<'syncSettle'>) {
  const engine = await requireEngine(core);
  await engine.settle(docId, record ?? null);
  return viewOf(engine);
}

async function coderList(core: Core) {
  return { coders: coderCounts(core.session().store.list('highlight')) };
}

/** Agreement between two coders over the chosen articles and codes (all that either coded, when not chosen). */
async function coderAgreement(core: Core, input: ApiParsedInput<'coderAgreement'>): Promise<AgreementView> {
  const session = core.session();
  const { store } = session;
  const coders = { a: input.coderA, b: input.coderB };
  const all = store.list('highlight').flatMap(segmentsOf);
  const segments = all.filter(
    (s) =>
      (s.coder === coders.a || s.coder === coders.b) &&
      (!input.articleIds || input.articleIds.includes(s.documentId)) &&
      (!input.tagIds || input.tagIds.includes(s.codeId)),
  );
  const articleIds = input.articleIds ?? [...new Set(segments.map((s) => s.documentId))].sort();
  const tagIds = input.tagIds ?? [...new Set(segments.map((s) => s.codeId))].sort();
  const texts = new Map<string, string>();
  const documents: { id: string; length: number; title: string }[] = [];
  for (const id of articleIds) {
    const article = store.get('article', id);
    if (!article) continue;
    const body = await session.body(article);
    texts.set(id, body.text);
    documents.push({ id, length: body.text.length, title: article.title });
  }
  const report = agreement(documents, tagIds, segments, coders);
  return {
    ...report,
    coders,
    codes: tagIds.map((id) => ({ id, name: store.get('tag', id)?.name ?? id })),
    documents: documents.map(({ id, title }) => ({ id, title })),
    texts: report.disagreements.map((d) => texts.get(d.documentId)?.slice(d.start, d.end) ?? ''),
  };
}

export const syncHandlers = {
  syncStatus,
  syncShare,
  syncNow,
  syncConflicts,
  syncSettle,
  coderList,
  coderAgreement,
} satisfies Handlers<
  'syncStatus' | 'syncShare' | 'syncNow' | 'syncConflicts' | 'syncSettle' | 'coderList' | 'coderAgreement'
>;
