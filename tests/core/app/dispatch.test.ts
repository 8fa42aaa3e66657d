import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/core/dispatch';
import { openTestNotebook, type TestNotebook } from '../../helpers/notebook';

describe('dispatch: the one wrapper every transport uses', () => {
  let nb: TestNotebook;
  beforeEach(async () => {
    nb = await openTestNotebook();
  });
  afterEach(() => nb.cleanup());

  it('answers with an envelope instead of throwing', async () => {
    const result = await dispatch(nb.api, 'notebookInfo', {});
    expect(result).toMatchObject({ ok: true, value: { articleCount: 0, readOnly: false } });
  });

  it('refuses malformed input with BAD_INPUT and a readable sentence', async () => {
    const result = await dispatch(nb.api, 'noteCreate', { title: 42 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_INPUT');
    expect(result.error.message).toMatch(/could not understand this request \(noteCreate\): title/);
  });

  it('refuses unknown fields (strict schemas) so typos in callers surface', async () => {
    const result = await dispatch(nb.api, 'noteGet', { id: 'n1', extra: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('carries the code and message of domain errors across', async () => {
    const result = await dispatch(nb.api, 'articleGet', { id: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!result.ok) expect(result.error.message).toMatch(/No article with id nope/);
  });

  it('refuses an empty tag name before anything is stored', async () => {
    const result = await dispatch(nb.api, 'tagCreate', { name: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await nb.call('tagList', {})).toEqual([]);
  });
});
