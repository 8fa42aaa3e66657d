// A read REFI-QDA project brought into the open notebook as ONE change set (one undo step): the codebook merged,
// each text source an article (or the article already holding that exact text), each selection a highlight,
// memos on what they annotate, free notes as notes. The report says what was mapped and what was not.
import type { QdpxImportReport } from '../api-contract';
import { passageAt } from '../annotate/passage-at';
import { makeSelectors } from '../annotate/selectors';
import type { Core } from '../app/core';
import { EXTRACTOR_VERSION } from '../import/extract';
import { countWords, sha256 } from '../import/text-stats';
import { sameTitle } from '../notes/wikilinks';
import type { ArticleRecord, Highlight, Note, Passage } from '../types';
import { rewriteCitationLinks } from './citation-links';
import { mergeCodebook } from './codebook-merge';
import type { ReadProject, ReadSource } from './qdpx-read';
import { mapText, type MappedText } from './text-map';

/** The report `quire import-qdpx` and the API give, before its summary sentence is written. */
export type ProjectImportReport = Omit<QdpxImportReport, 'summary'>;

const FIELDS: Record<
  string,
  keyof Pick<ArticleRecord, 'author' | 'published' | 'source' | 'url' | 'language'>
> = {
  author: 'author',
  authors: 'author',
  published: 'published',
  date: 'published',
  source: 'source',
  outlet: 'source',
  url: 'url',
  link: 'url',
  language: 'language',
};

interface Prepared {
  source: ReadSource;
  mapped: MappedText;
  record: ArticleRecord;
  /** Set when the notebook already holds this exact text. */
  existing: ArticleRecord | undefined;
}

const isoOr = (value: string | null, fallback: string): string => {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
};

export async function importProject(
  core: Core,
  project: ReadProject,
  label: string,
): Promise<ProjectImportReport> {
  const session = core.writable();
  const { store } = session;
  const now = core.now().toISOString();
  const unmapped = [...project.unmapped];
  const note = (what: string, count = 1): void => {
    const row = unmapped.find((u) => u.what === what);
    if (row) row.count += count;
    else unmapped.push({ what, count });
  };

  // Texts first (content-addressed files, outside the change set), then one commit for every record.
  const prepared: Prepared[] = [];
  const fresh: { text: string; passages: Passage[] }[] = [];
  const sourceBytes = new Map<string, Uint8Array>();
  const seen = new Map<string, Prepared>();
  for (const source of project.sources) {
    const mapped = mapText(source.text);
    if (mapped.text === '' || mapped.passages.length === 0) {
      note('text sources with no text');
      continue;
    }
    const textHash = sha256(mapped.text);
    const twin = seen.get(textHash);
    if (twin) {
      note('text sources that repeat another source’s text (their codings were merged into it)');
      twin.source.selections.push(...source.selections);
      continue;
    }
    const bytes = new TextEncoder().encode(source.text);
    const metadata: Partial<ArticleRecord> = {};
    for (const [name, value] of source.variables) {
      const field = FIELDS[name];
      if (!field) {
        note('variables other than author, published, source, URL and language');
        continue;
      }
      if (field === 'published' && !/^\d{4}-\d{2}-\d{2}/.test(value)) continue;
      metadata[field] = field === 'published' ? value.slice(0, 10) : value;
    }
    const record: ArticleRecord = {
      id: core.ids('article'),
      title: source.name,
      author: metadata.author ?? null,
      published: metadata.published ?? null,
      source: metadata.source ?? null,
      url: metadata.url ?? null,
      language: metadata.language ?? null,
      format: 'txt',
      file: `${source.name.replace(/[/\\]/g, '-').slice(0, 120)}.txt`,
      sourceHash: sha256(bytes),
      textHash,
      words: countWords(mapped.text),
      passageCount: mapped.passages.length,
      importedAt: isoOr(source.createdAt, now),
      extractorVersion: EXTRACTOR_VERSION,
      ...(source.memo.trim() ? { memo: source.memo } : {}),
    };
    const entry: Prepared = { source, mapped, record, existing: store.articleByTextHash(textHash) };
    seen.set(textHash, entry);
    prepared.push(entry);
    if (!entry.existing) {
      sourceBytes.set(record.sourceHash, bytes);
      fresh.push({ text: mapped.text, passages: mapped.passages });
    }
  }
  await store.writeSources(sourceBytes);
  const keys = await store.writeBodies(fresh);
  let k = 0;
  for (const p of prepared) if (!p.existing) p.record = { ...p.record, bodyKey: keys[k++] };

  const { value: report } = await session.commit(
    label,
    (tx) => {
      const codebook = mergeCodebook(tx, project.codes, core.ids, now);
      const r: ProjectImportReport = {
        notebook: store.dir,
        origin: project.origin,
        articles: { created: 0, existing: 0 },
        tags: { created: codebook.created, matched: codebook.matched },
        highlights: { created: 0, existing: 0 },
        memos: 0,
        notes: 0,
        unmapped,
      };
      r.memos += countCodeMemos(project.codes);
      const articleOf = new Map<string, string>();
      const highlightOf = new Map<string, string>();
      for (const p of prepared) {
        const current = p.existing ? tx.get('article', p.existing.id) : undefined;
        let article: ArticleRecord;
        if (current) {
          article = current;
          if (!current.memo?.trim() && p.record.memo) {
            article = { ...current, memo: p.record.memo };
            tx.put('article', article);
          }
          r.articles.existing++;
        } else {
          article = p.record;
          tx.put('article', article);
          r.articles.created++;
        }
        if (p.record.memo) r.memos++;
        articleOf.set(p.source.guid, article.id);
        const present = current ? tx.highlightsOf(current.id) : [];
        for (const sel of p.source.selections) {
          const span = p.mapped.map(sel.start, sel.end);
          if (!span) {
            note('selections on text Quire does not keep (blank lines, invisible characters)');
            continue;
          }
          const selectors = makeSelectors(p.mapped.text, span.start, span.end);
          const passage =
            passageAt(p.mapped.passages, selectors.position.start) ??
            p.mapped.passages.find((x) => x.start >= selectors.position.start);
          const tagIds = [...new Set(sel.codes.flatMap((g) => codebook.tagOf.get(g) ?? []))];
          const missing = sel.codes.filter((g) => !codebook.tagOf.has(g)).length;
          if (missing) note('codings of codes that are not in the codebook', missing);
          const twin = present.find(
            (h) =>
              h.position.start === selectors.position.start &&
              h.position.end === selectors.position.end &&
              tagIds.every((t) => h.tagIds.includes(t)),
          );
          if (twin) {
            highlightOf.set(sel.guid, twin.id);
            r.highlights.existing++;
            continue;
          }
          const h: Highlight = {
            id: core.ids('highlight'),
            articleId: article.id,
            passageId: passage?.id ?? '',
            tagIds,
            ...selectors,
            memo: sel.memo,
            createdAt: isoOr(sel.createdAt, now),
            orphaned: false,
          };
          tx.put('highlight', h);
          highlightOf.set(sel.guid, h.id);
          r.highlights.created++;
          if (sel.memo.trim()) r.memos++;
        }
      }
      for (const n of project.notes) {
        const taken = tx.list('note');
        let title = n.title;
        for (let i = 2; taken.some((t) => sameTitle(t.title, title)); i++) title = `${n.title} (${i})`;
        const body = rewriteCitationLinks(n.body, (c) => {
          const articleId = articleOf.get(c.articleId.toLowerCase());
          if (!articleId) return null;
          const highlightId = c.highlightId ? (highlightOf.get(c.highlightId.toLowerCase()) ?? null) : null;
          return { articleId, passageId: c.passageId, highlightId };
        });
        const created = isoOr(n.createdAt, now);
        const record: Note = {
          id: core.ids('note'),
          title,
          body,
          createdAt: created,
          updatedAt: isoOr(n.updatedAt, created),
        };
        tx.put('note', record);
        r.notes++;
      }
      return r;
    },
    {
      bodies: prepared
        .filter((p) => !p.existing)
        .map((p) => ({ id: p.record.id, text: p.mapped.text, passages: p.mapped.passages })),
    },
  );
  return report;
}

function countCodeMemos(codes: ReadProject['codes']): number {
  return codes.reduce((n, c) => n + (c.memo.trim() ? 1 : 0) + countCodeMemos(c.children), 0);
}
