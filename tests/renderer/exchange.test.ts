// The desktop side of Export and Import (browser mode is covered end to end in tests/e2e/exchange.spec.ts): where
// the export goes is asked natively, a file in the way is the researcher's decision, and imports report per item.
import { describe, expect, it, vi } from 'vitest';
import type { ExportResult } from '../../src/main/core/api-contract';
import { answerNotebook, settle, startApp } from './app';
import { FakeBridge } from './fake-bridge';

const result = (over: Partial<ExportResult> = {}): ExportResult => ({
  format: 'qdpx',
  out: '/home/ana/Quire.qdpx',
  written: ['/home/ana/Quire.qdpx'],
  unchanged: 0,
  conflicts: [],
  removed: [],
  skipped: [],
  summary: 'Exported 2 sources, 3 codes, 4 coded selections to /home/ana/Quire.qdpx.',
  ...over,
});

async function exchangeApp(bridge: FakeBridge) {
  answerNotebook(bridge, {});
  const app = await startApp(bridge);
  const { exchange } = await import('../../src/renderer/src/state/exchange.svelte');
  return { app, exchange };
}

describe('export on desktop', () => {
  it('a file format asks for a file name, and an existing file is overwritten only when the researcher says so', async () => {
    const bridge = new FakeBridge();
    const pickSaveFile = vi.fn(async () => '/home/ana/Quire.qdpx');
    bridge.desktop.pickSaveFile = pickSaveFile;
    let n = 0;
    bridge.answer('exportTo', ({ onConflict }) =>
      n++ === 0 && onConflict === 'ask'
        ? result({ written: [], conflicts: [{ file: '/home/ana/Quire.qdpx', copy: null }] })
        : result(),
    );
    const { app, exchange } = await exchangeApp(bridge);
    const done = exchange.runExport({ format: 'qdpx', articles: 'all', style: 'apa', coder: ' Ana ' });
    await settle();
    expect(pickSaveFile).toHaveBeenCalledWith('Quire.qdpx', 'qdpx');
    expect(app.ui.choice?.title).toBe('Files already exist');
    app.ui.closeChoice('overwrite');
    await done;
    const calls = bridge.calls.filter((c) => c.method === 'exportTo').map((c) => c.input);
    expect(calls).toEqual([
      {
        format: 'qdpx',
        articles: 'all',
        style: 'apa',
        coder: 'Ana',
        out: '/home/ana/Quire.qdpx',
        onConflict: 'ask',
      },
      {
        format: 'qdpx',
        articles: 'all',
        style: 'apa',
        coder: 'Ana',
        out: '/home/ana/Quire.qdpx',
        onConflict: 'overwrite',
      },
    ]);
    expect(app.ui.toasts.map((t) => t.message)).toContain(result().summary);
  });

  it('a vault re-export that kept files the researcher changed says which, in a report', async () => {
    const bridge = new FakeBridge();
    bridge.desktop.pickFolder = async () => '/home/ana/Vault';
    bridge.answer('exportTo', () =>
      result({
        format: 'obsidian',
        out: '/home/ana/Vault',
        conflicts: [{ file: 'Russia ties.md', copy: 'Russia ties (Quire).md' }],
        summary:
          'Vault /home/ana/Vault: 0 new, 1 updated, 9 unchanged; 1 you changed kept, Quire’s version beside each.',
      }),
    );
    const { exchange } = await exchangeApp(bridge);
    await exchange.runExport({
      format: 'obsidian',
      articles: 'used',
      style: 'chicago-author-date',
      coder: '',
    });
    expect(bridge.methods().filter((m) => m === 'exportTo')).toHaveLength(1);
    expect(exchange.report?.lines).toEqual([
      "Russia ties.md: you changed it, so it was kept; Quire's version is Russia ties (Quire).md",
    ]);
  });

  it('cancelling the save dialog exports nothing', async () => {
    const bridge = new FakeBridge();
    const { exchange } = await exchangeApp(bridge);
    await exchange.runExport({ format: 'bibtex', articles: 'all', style: 'chicago-author-date', coder: '' });
    expect(bridge.methods()).not.toContain('exportTo');
  });
});

describe('import on desktop', () => {
  it('references: the chosen file is imported and each reference is reported', async () => {
    const bridge = new FakeBridge();
    const pickOpenFile = vi.fn(async () => '/home/ana/zotero.bib');
    bridge.desktop.pickOpenFile = pickOpenFile;
    bridge.answer('importRefs', () => ({
      items: [
        {
          reference: 'fomin2019',
          status: 'updated',
          articleId: 'a1',
          articleTitle: 'The Ties',
          matchedBy: 'title',
          changes: [{ field: 'author', from: null, to: 'Vladimir Fomin' }],
        },
        {
          reference: 'other',
          status: 'unmatched',
          articleId: null,
          articleTitle: null,
          matchedBy: null,
          changes: [],
        },
      ],
      summary: '2 references in “zotero.bib”: 1 article updated, 1 matched no article.',
    }));
    const { exchange } = await exchangeApp(bridge);
    await exchange.pickAndImport('refs');
    expect(pickOpenFile).toHaveBeenCalledWith('Import references', ['bib', 'bibtex', 'json', 'ris']);
    expect(bridge.calls.find((c) => c.method === 'importRefs')?.input).toEqual({
      file: { path: '/home/ana/zotero.bib' },
    });
    expect(exchange.report?.lines).toEqual([
      'fomin2019: updated “The Ties” (author → Vladimir Fomin)',
      'other: matches no article; nothing changed',
    ]);
  });

  it('a project goes into a new notebook in the folder chosen for it, and what did not map is listed', async () => {
    const bridge = new FakeBridge();
    bridge.desktop.pickOpenFile = async () => '/home/ana/field.qdpx';
    bridge.desktop.pickFolder = async () => '/home/ana/Field study';
    bridge.answer('importQdpx', () => ({
      notebook: '/home/ana/Field study',
      origin: 'QualCoder 3.5',
      articles: { created: 2, existing: 0 },
      tags: { created: 3, matched: 0 },
      highlights: { created: 1, existing: 0 },
      memos: 0,
      notes: 0,
      unmapped: [{ what: 'picture sources', count: 1 }],
      summary: 'Imported 2 articles …',
    }));
    const { app, exchange } = await exchangeApp(bridge);
    const done = exchange.pickAndImport('qdpx');
    await settle();
    app.ui.closeChoice('new');
    await done;
    expect(bridge.calls.find((c) => c.method === 'importQdpx')?.input).toEqual({
      file: { path: '/home/ana/field.qdpx' },
      into: 'new',
      notebookPath: '/home/ana/Field study',
    });
    expect(exchange.report?.lines).toEqual(['Not imported: picture sources (1)']);
    // The lists are loaded again once the project is in the new notebook.
    const after = bridge.methods().slice(bridge.methods().indexOf('importQdpx'));
    expect(after).toEqual(expect.arrayContaining(['notebookInfo', 'tagList']));
  });
});
