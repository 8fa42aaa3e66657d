// Search as you type: answers can come back out of order; only the newest query's answer is shown.
import { describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../src/main/core/api-contract';
import { answerNotebook, startApp } from './app';
import { ApiFailure, FakeBridge } from './fake-bridge';

const response = (query: string, ids: string[], total = ids.length): SearchResponse => ({
  query,
  total,
  passageTotal: ids.length,
  groups: ids.map((id) => ({
    kind: 'article',
    id,
    title: `Article ${id}`,
    detail: '',
    score: 1,
    hitTotal: 0,
    hits: [],
  })),
  corrections: [],
  interpretation: `passages with ${query}`,
  warnings: [],
});

/** A search answer the test releases when it wants. */
function deferredSearch(bridge: FakeBridge) {
  const pending: { query: string; offset: number; release: () => void; fail: (message: string) => void }[] =
    [];
  const results = new Map<string, SearchResponse>();
  bridge.answer(
    'search',
    ({ query, offset = 0 }) =>
      new Promise((resolve, reject) => {
        pending.push({
          query,
          offset,
          release: () => resolve(results.get(`${query}@${offset}`) ?? response(query, [])),
          fail: (message) => reject(new ApiFailure('INTERNAL', message)),
        });
      }),
  );
  return { pending, results };
}

async function searching() {
  const bridge = new FakeBridge();
  answerNotebook(bridge);
  const app = await startApp(bridge);
  const { pending, results } = deferredSearch(bridge);
  return { bridge, app, pending, results };
}

describe('stale search answers', () => {
  it('are dropped: the older query answering last does not replace the newer one’s results', async () => {
    const { app, pending, results } = await searching();
    results.set('fomin@0', response('fomin', ['a1', 'a2']));
    results.set('fomin military@0', response('fomin military', ['a2']));
    app.search.query = 'fomin';
    const first = app.search.run();
    app.search.query = 'fomin military';
    const second = app.search.run();
    pending[1]?.release();
    await second;
    expect(app.search.busy).toBe(false);
    pending[0]?.release();
    await first;
    expect(app.search.response?.query).toBe('fomin military');
    expect(app.search.groups.map((g) => g.id)).toEqual(['a2']);
    expect(app.search.busy).toBe(false);
  });

  it('an error for an older query is not shown under the newer one', async () => {
    const { app, pending, results } = await searching();
    results.set('arms@0', response('arms', ['a1']));
    app.search.query = 'army';
    const first = app.search.run();
    app.search.query = 'arms';
    const second = app.search.run();
    pending[1]?.release();
    await second;
    pending[0]?.fail('Quire could not search: the index broke.');
    await first;
    expect(app.search.error).toBeNull();
    expect(app.search.groups.map((g) => g.id)).toEqual(['a1']);
  });

  it('a page of “load more” for a query the researcher has replaced is dropped', async () => {
    const { app, pending, results } = await searching();
    results.set('rice@0', response('rice', ['a1'], 2));
    results.set('rice@1', response('rice', ['a9'], 2));
    results.set('ruby@0', response('ruby', ['a5']));
    app.search.query = 'rice';
    const first = app.search.run();
    pending[0]?.release();
    await first;
    const more = app.search.loadMore();
    app.search.query = 'ruby';
    const second = app.search.run();
    pending[2]?.release();
    await second;
    pending[1]?.release();
    await more;
    expect(app.search.response?.query).toBe('ruby');
    expect(app.search.groups.map((g) => g.id)).toEqual(['a5']);
  });
});

describe('search as you type', () => {
  it('searches on the first key without waiting, one request at a time, and paints only the newest query', async () => {
    const { app, pending, results } = await searching();
    results.set('fomin@0', response('fomin', ['a1', 'a2']));
    app.search.setQuery('f');
    // No debounce: the request is out before any timer could fire.
    expect(pending.map((p) => p.query)).toEqual(['f']);
    app.search.setQuery('fo');
    app.search.setQuery('fom');
    app.search.setQuery('fomin');
    expect(pending.map((p) => p.query)).toEqual(['f']);

    pending[0]?.release();
    await expect.poll(() => pending.map((p) => p.query)).toEqual(['f', 'fomin']);
    expect(app.search.response).toBeNull(); // the answer for “f” was typed over: never painted
    pending[1]?.release();
    await expect.poll(() => app.search.response?.query).toBe('fomin');
    expect(app.search.groups.map((g) => g.id)).toEqual(['a1', 'a2']);
    expect(app.search.busy).toBe(false);
  });
});
