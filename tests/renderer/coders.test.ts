// Coders in the UI (team notebooks): the reader shows one coder's highlights when asked (remembered per notebook),
// the filters send the chosen coder, and the Compare coders view words its figures and lists its disagreements.
import { describe, expect, it } from 'vitest';
import type { AgreementView } from '../../src/main/core/sync/views';
import type { Highlight } from '../../src/main/core/types';
import {
  agreementNote,
  disagreementColumns,
  kappaText,
  percentText,
} from '../../src/renderer/src/lib/agreement-format';
import { answerNotebook, article, committed, highlight, info, settle, startApp, view } from './app';
import { FakeBridge } from './fake-bridge';

const by = (id: string, author: string | null): Highlight => ({
  ...highlight(id, 'a1', ['t1']),
  ...(author === null ? {} : { author }),
});
const team = [
  { name: 'Ana', highlights: 2 },
  { name: 'Ben', highlights: 1 },
  { name: null, highlights: 1 },
];

async function teamApp(coders = team) {
  const bridge = new FakeBridge();
  answerNotebook(bridge, { articles: [article('a1')], coders });
  bridge.answer('articleGet', ({ id }) =>
    view(article(id), [by('h1', 'Ana'), by('h2', 'Ana'), by('h3', 'Ben'), by('h4', null)]),
  );
  const app = await startApp(bridge, { keepStorage: true });
  const { coders: state, ALL_CODERS, coderKey } = await import('../../src/renderer/src/state/coders.svelte');
  const { queryOf, segments } = await import('../../src/renderer/src/state/segments.svelte');
  app.sync.listen();
  await app.sync.start();
  return { bridge, app, coders: state, ALL_CODERS, coderKey, queryOf, segments };
}

describe('coders in the UI', () => {
  it('the reader shows one coder’s highlights, after switching articles and after a restart', async () => {
    localStorage.clear();
    const first = await teamApp();
    await first.app.reader.open('a1');
    const shown = () => first.coders.visible(first.app.reader.view?.highlights ?? []).map((h) => h.id);
    expect(shown()).toEqual(['h1', 'h2', 'h3', 'h4']);
    first.coders.setReader(first.coderKey('Ben'));
    expect(shown()).toEqual(['h3']);
    first.coders.setReader(first.coderKey(null));
    expect(shown()).toEqual(['h4']);
    first.coders.setReader(first.coderKey('Ana'));
    await first.app.reader.open('a1');
    expect(shown()).toEqual(['h1', 'h2']);

    const again = await teamApp();
    expect(again.coders.readerKey).toBe(again.coderKey('Ana'));
    // Another notebook starts with every coder's highlights.
    again.bridge.answer('notebookInfo', () => info({ path: '/home/ana/Other' }));
    again.bridge.emit('notebook', info({ path: '/home/ana/Other' }));
    await settle();
    expect(again.coders.readerKey).toBe(again.ALL_CODERS);
  });

  it('never hides highlights for a coder the notebook does not have', async () => {
    localStorage.clear();
    const { coders, coderKey } = await teamApp([{ name: null, highlights: 4 }]);
    coders.setReader(coderKey('Ana'));
    expect(coders.any).toBe(false);
    expect(coders.visible([by('h1', null)]).map((h) => h.id)).toEqual(['h1']);
  });

  it('learns a new coder from a committed highlight without asking the API again', async () => {
    localStorage.clear();
    const { bridge, coders } = await teamApp();
    bridge.clearCalls();
    bridge.emit(
      'committed',
      committed(11, { records: [{ kind: 'highlight', id: 'h9', after: by('h9', 'Cy') }] }),
    );
    expect(coders.list.map((c) => c.name)).toEqual(['Ana', 'Ben', 'Cy', null]);
    expect(bridge.calls).toEqual([]);
  });

  it('coded segments send the chosen coder (or the unsigned ones) as the filter', async () => {
    localStorage.clear();
    const { queryOf, segments, coderKey, ALL_CODERS } = await teamApp();
    expect(queryOf({ ...segments.form, coder: ALL_CODERS }).filter).toEqual({});
    expect(queryOf({ ...segments.form, coder: coderKey('Ben') }).filter).toEqual({ coders: ['Ben'] });
    expect(queryOf({ ...segments.form, coder: coderKey(null) }).filter).toEqual({ coders: [null] });
  });
});

const cell = (
  both: number,
  onlyA: number,
  onlyB: number,
  neither: number,
  percent: number,
  kappa: number,
) => ({
  both,
  onlyA,
  onlyB,
  neither,
  percent,
  kappa,
});

const report: AgreementView = {
  coders: { a: 'Ana', b: 'Ben' },
  overall: cell(10, 5, 5, 80, 0.9, 0.6),
  byCode: [{ codeId: 't1', cell: cell(10, 5, 5, 80, 0.9, 0.6) }],
  codes: [{ id: 't1', name: 'military' }],
  documents: [
    { id: 'd2', title: 'Second' },
    { id: 'd1', title: 'First' },
  ],
  disagreements: [
    { documentId: 'd1', codeId: 't1', start: 0, end: 5, codedBy: 'a' },
    { documentId: 'd2', codeId: 't1', start: 30, end: 35, codedBy: 'b' },
    { documentId: 'd2', codeId: 't1', start: 3, end: 8, codedBy: 'a' },
  ],
  texts: ['Fomin', 'jets.', 'arms '],
};

describe('Compare coders figures', () => {
  it.each<[number, string]>([
    [0.8333, '83.3%'],
    [1, '100.0%'],
    [0, '0.0%'],
  ])('percent %s reads %s', (share, text) => expect(percentText(share)).toBe(text));

  it.each<[number, string]>([
    [0.4666, '0.47'],
    [1, '1.00'],
    [-0.125, '−0.13'],
  ])('kappa %s reads %s', (k, text) => expect(kappaText(k)).toBe(text));

  it('lists what only A and only B coded, in document order, with document, code and text', () => {
    const { a, b } = disagreementColumns(report);
    expect(a.map((r) => [r.document, r.code, r.text])).toEqual([
      ['Second', 'military', 'arms '],
      ['First', 'military', 'Fomin'],
    ]);
    expect(b.map((r) => [r.document, r.text])).toEqual([['Second', 'jets.']]);
  });

  it('says in words when there is little to compare', () => {
    expect(agreementNote(report)).toBeNull();
    expect(agreementNote({ ...report, overall: cell(0, 5, 5, 90, 0.9, -0.05) })).toBe(
      'Ana and Ben have no codes in common in these documents yet.',
    );
    expect(agreementNote({ ...report, codes: [], byCode: [], disagreements: [], texts: [] })).toBe(
      'Neither Ana nor Ben has coded these documents with these codes yet.',
    );
    // Codes chosen that neither used: no figures (they would read 100% and κ = 1.00), a sentence instead.
    expect(
      agreementNote({ ...report, overall: cell(0, 0, 0, 100, 1, 1), disagreements: [], texts: [] }),
    ).toBe('Neither Ana nor Ben has coded these documents with these codes yet.');
    expect(agreementNote({ ...report, disagreements: [], texts: [] })).toBe(
      'Ana and Ben coded exactly the same passages with the same codes.',
    );
  });
});
